using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grpc;

/// <summary>An active instance with its own key, made through the public API, unique to one test.</summary>
public sealed record ListenTenant(string ClientId, string InstanceId, string InstanceKey, string CredentialId)
{
    /// <param name="unthrottled">False for the free tier (burst 10), true for a client whose key never meets its limit.</param>
    public static async Task<ListenTenant> CreateAsync(ApiCaller api, bool unthrottled = true)
    {
        var scenario = new Scenario(api);
        var clientId = unthrottled ? await scenario.CreateUnthrottledClientAsync() : await scenario.CreateClientAsync();
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        await scenario.InitAsync(instanceId);
        var created = await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "agent" });
        Assert.True(created.Code == 201, created.ToString());
        return new ListenTenant(clientId, instanceId, created.Str("api_key"), created.Str("credential_id"));
    }
}
