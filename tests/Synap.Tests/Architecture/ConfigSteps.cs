using Synap.Tests.Api;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Architecture;

/// <summary>An initialized instance of a fresh tenant with two client keys (a proposer and an approver), and the workflow's routes.</summary>
public sealed class ConfigSteps(ApiCaller api)
{
    public const string V1 = "memory:\n  types: [episodic]\n";

    public ApiCaller Api => api;

    public InstanceSteps Instances { get; } = new(api);

    public async Task<ConfigTenant> NewInitializedAsync()
    {
        var tenant = await Instances.NewTenantAsync();
        var id = await Instances.CreateInstanceAsync(tenant.ClientId);
        Expect(201, await Instances.InitAsync(id, new { config = V1 }, tenant.ClientKey));
        var second = await api.Post($"/dashboard/clients/{tenant.ClientId}/api-keys", new { label = "approver" });
        Expect(201, second);
        return new ConfigTenant(tenant, id, second.Str("api_key"), second.Str("credential_id"));
    }

    public static string Versions(string instanceId) => $"/instances/{instanceId}/memory-architecture/versions";

    public Task<ApiResponse> ProposeAsync(string instanceId, string yaml, string key) => api.Post(Versions(instanceId), new { config = yaml }, key);

    public Task<ApiResponse> ApproveAsync(string instanceId, int version, string key) => api.Post($"{Versions(instanceId)}/{version}/approve", null, key);

    public Task<ApiResponse> ApplyAsync(string instanceId, int version, string key) => api.Post($"{Versions(instanceId)}/{version}/apply", null, key);

    public Task<ApiResponse> RejectAsync(string instanceId, int version, string key) => api.Post($"{Versions(instanceId)}/{version}/reject", null, key);

    public Task<ApiResponse> ActiveAsync(string instanceId, string key = Admin) => api.Get($"/instances/{instanceId}/memory-architecture", key);

    public async Task<string> ConfigStatusAsync(string instanceId) => (await Instances.GetAsync(instanceId)).Str("config_status");

    /// <summary>Proposes, approves with the other key and applies: the new active version.</summary>
    public async Task<ApiResponse> RollOutAsync(ConfigTenant t, string yaml)
    {
        var proposed = await ProposeAsync(t.InstanceId, yaml, t.ClientKey);
        Expect(201, proposed);
        var version = proposed.Json.GetProperty("version").GetInt32();
        Expect(200, await ApproveAsync(t.InstanceId, version, t.ApproverKey));
        var applied = await ApplyAsync(t.InstanceId, version, t.ClientKey);
        Expect(200, applied);
        return applied;
    }
}

/// <summary>A tenant whose instance is initialized; <see cref="ApproverKey"/> is a second client key of the same client.</summary>
public sealed record ConfigTenant(Tenant Tenant, string InstanceId, string ApproverKey, string ApproverCredentialId)
{
    public string ClientKey => Tenant.ClientKey;

    public string ClientId => Tenant.ClientId;
}
