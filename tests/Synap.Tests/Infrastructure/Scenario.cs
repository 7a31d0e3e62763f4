namespace Synap.Tests.Infrastructure;

/// <summary>Builds the tenants a test needs through the public API, with names unique to the test.</summary>
public sealed class Scenario(ApiCaller api)
{
    public static string UniqueName(string prefix = "client") => $"{prefix}-{Guid.NewGuid():N}";

    public async Task<string> CreateClientAsync(object? body = null)
    {
        var response = await api.Post("/dashboard/clients", body ?? new { name = UniqueName() });
        Assert.True(response.Code == 201, response.ToString());
        return response.Str("client_id");
    }

    /// <summary>
    /// A client whose keys will not meet the rate limit: for tests that send more than a free tier's burst of
    /// requests with one key and are not about rate limiting.
    /// </summary>
    public Task<string> CreateUnthrottledClientAsync() =>
        CreateClientAsync(new { name = UniqueName(), tier = "enterprise", rate_limit_per_minute = 1_000_000, burst = 100_000 });

    public async Task<string> CreateClientKeyAsync(string clientId)
    {
        var response = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "test" });
        Assert.True(response.Code == 201, response.ToString());
        return response.Str("api_key");
    }

    public async Task<string> CreateInstanceAsync(string clientId, string? name = null, string? parentId = null, string? key = null)
    {
        var response = await api.Post($"/dashboard/instances?client_id={clientId}",
            new { name = name ?? UniqueName("agent"), agent_type = "support", parent_instance_id = parentId }, key ?? Infrastructure.SynapApiFactory.AdminKey);
        Assert.True(response.Code == 201, response.ToString());
        return response.Str("id");
    }

    public async Task InitAsync(string instanceId)
    {
        var response = await api.Post($"/instances/{instanceId}/memory-architecture/init", new { config = "memory:\n  kind: episodic\n" });
        Assert.True(response.Code == 201, response.ToString());
    }

    public async Task<string> CreateInstanceKeyAsync(string instanceId)
    {
        var response = await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "agent" });
        Assert.True(response.Code == 201, response.ToString());
        return response.Str("api_key");
    }
}
