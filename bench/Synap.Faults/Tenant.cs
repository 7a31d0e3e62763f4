using System.Net.Http.Json;

namespace Synap.Faults;

/// <summary>
/// What one load worker owns, created through the public API: an enterprise client (a limit the load never reaches),
/// its client key, and an active agent instance with an instance key for the key checks.
/// </summary>
public sealed record Tenant(string ClientId, string ClientKey, string AgentInstanceId, string AgentKey)
{
    public static async Task<Tenant> CreateAsync(ResilientCaller caller, ApiNode node, string adminKey, string name)
    {
        async Task<System.Text.Json.JsonElement> PostAsync(string bearer, string path, object body)
        {
            var result = await caller.SendAsync("setup", node, bearer,
                () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
            return result.Succeeded ? result.Json() : throw new InvalidOperationException($"setup {path}: {result.Status} {result.Body}");
        }

        var client = await PostAsync(adminKey, "/dashboard/clients",
            new { name, tier = "enterprise", rate_limit_per_minute = 1_000_000_000, burst = 1_000_000_000 });
        var clientId = client.GetProperty("client_id").GetString()!;
        var clientKey = (await PostAsync(adminKey, $"/dashboard/clients/{clientId}/api-keys", new { label = "faults" }))
            .GetProperty("api_key").GetString()!;
        var agent = await PostAsync(clientKey, $"/dashboard/instances?client_id={clientId}", new { name = "agent", agent_type = "faults" });
        var agentId = agent.GetProperty("id").GetString()!;
        await PostAsync(clientKey, $"/instances/{agentId}/memory-architecture/init", new { config = "memory:\n  kind: faults\n" });
        var agentKey = (await PostAsync(clientKey, $"/dashboard/instances/{agentId}/api-keys", new { label = "agent" }))
            .GetProperty("api_key").GetString()!;
        return new Tenant(clientId, clientKey, agentId, agentKey);
    }
}
