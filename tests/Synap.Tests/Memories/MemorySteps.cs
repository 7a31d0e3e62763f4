using System.Text.Json;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Memories;

/// <summary>The steps the memory tests share: an agent (active instance and its key), adding and reading memories.</summary>
public sealed class MemorySteps(ApiCaller api)
{
    public static readonly TimeSpan IngestionPatience = TimeSpan.FromSeconds(30);

    private readonly InstanceSteps instances = new(api);

    public ApiCaller Api => api;

    public async Task<Agent> NewAgentAsync()
    {
        var tenant = await instances.NewTenantAsync();
        var instanceId = await instances.CreateInstanceAsync(tenant.ClientId);
        await instances.Scenario.InitAsync(instanceId);
        return new Agent(tenant.ClientId, tenant.ClientKey, instanceId, await instances.Scenario.CreateInstanceKeyAsync(instanceId));
    }

    public Task<ApiResponse> AddAsync(Agent agent, object body) => api.Post("/v1/memories", body, agent.Key);

    /// <summary>Adds a memory and answers its id, checking the 202.</summary>
    public async Task<string> AddOkAsync(Agent agent, string content, string scope = "user", string? scopeId = null)
    {
        var added = await AddAsync(agent, new { content, scope, scope_id = scopeId });
        InstanceSteps.Expect(202, added);
        return added.Str("id");
    }

    public Task<ApiResponse> GetAsync(Agent agent, string memoryId) => api.Get($"/v1/memories/{memoryId}", agent.Key);

    public Task<ApiResponse> ListAsync(Agent agent, string query = "") => api.Get($"/v1/memories{query}", agent.Key);

    /// <summary>Polls the memory until its ingestion completed; fails with the last answer after <see cref="IngestionPatience"/>.</summary>
    public async Task<JsonElement> CompletedAsync(Agent agent, string memoryId)
    {
        var read = await BoundedWait.UntilAsync($"memory {memoryId} completed", IngestionPatience, () => GetAsync(agent, memoryId),
            r => r.Code == 200 && r.Str("status") == "completed");
        return read.Json;
    }

    public async Task<long> MemoriesCountAsync(Agent agent)
    {
        var detail = await api.Get($"/dashboard/instances/{agent.InstanceId}", agent.Key);
        InstanceSteps.Expect(200, detail);
        return detail.Json.GetProperty("memories_count").GetInt64();
    }

    /// <summary>Waits until the instance shows the count: it is told by the store after ingestion, in the background.</summary>
    public Task<long> MemoriesCountReachesAsync(Agent agent, long expected) =>
        BoundedWait.UntilAsync($"memories_count of {agent.InstanceId} = {expected}", IngestionPatience, () => MemoriesCountAsync(agent), c => c == expected);
}
