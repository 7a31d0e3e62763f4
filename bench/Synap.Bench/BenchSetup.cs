using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synap.Bench;

/// <summary>Creates through the public API what the scenarios read: an enterprise client with a huge limit, an active instance, an instance key.</summary>
public sealed record BenchSetup(string InstanceId, string InstanceKey)
{
    public static async Task<BenchSetup> CreateAsync(HttpClient http, string adminKey)
    {
        var client = await PostAsync(http, adminKey, "/dashboard/clients",
            new { name = $"bench-{Guid.NewGuid():N}", tier = "enterprise", rate_limit_per_minute = 1_000_000_000, burst = 1_000_000_000 });
        var clientId = client.GetProperty("client_id").GetString()!;
        var instance = await PostAsync(http, adminKey, $"/dashboard/instances?client_id={clientId}", new { name = "bench-agent", agent_type = "bench" });
        var instanceId = instance.GetProperty("id").GetString()!;
        await PostAsync(http, adminKey, $"/instances/{instanceId}/memory-architecture/init", new { config = "memory:\n  kind: bench\n" });
        var key = await PostAsync(http, adminKey, $"/dashboard/instances/{instanceId}/api-keys", new { label = "bench" });
        return new BenchSetup(instanceId, key.GetProperty("api_key").GetString()!);
    }

    /// <summary>POSTs JSON with a bearer key; a non-2xx answer throws with its status and body.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient http, string adminKey, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
