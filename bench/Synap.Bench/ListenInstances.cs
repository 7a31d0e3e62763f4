using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synap.Bench;

/// <summary>
/// Active instances with one instance key each (one listen stream per instance), made through the REST API under
/// enterprise clients of at most <see cref="PerClient"/> instances. Kept as <c>instance_id key</c> lines in a file
/// with the server URL on its first line, reused while it names the same server and holds enough.
/// </summary>
public static class ListenInstances
{
    private const int PerClient = 1000;

    public static async Task<IReadOnlyList<(string InstanceId, string Key)>> EnsureAsync(HttpClient http, GrpcBenchOptions options, int count)
    {
        var existing = Read(options.KeysFile, options.Url);
        if (existing.Count >= count)
            return existing.Take(count).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var made = new List<(string, string)>(existing);
        var missing = count - existing.Count;
        var clients = new List<string>();
        for (var i = 0; i < (missing + PerClient - 1) / PerClient; i++)
        {
            var client = await PostAsync(http, options.AdminKey, "/dashboard/clients",
                new { name = $"bench-listen-{Guid.NewGuid():N}", tier = "enterprise", rate_limit_per_minute = 1_000_000_000, burst = 1_000_000_000 });
            clients.Add(client.GetProperty("client_id").GetString()!);
        }
        var created = new (string, string)[missing];
        await Parallel.ForEachAsync(Enumerable.Range(0, missing), new ParallelOptions { MaxDegreeOfParallelism = options.SetupConcurrency },
            async (i, _) =>
            {
                var instance = await PostAsync(http, options.AdminKey, $"/dashboard/instances?client_id={clients[i / PerClient]}",
                    new { name = $"listen-{i}-{Guid.NewGuid():N}", agent_type = "bench" });
                var instanceId = instance.GetProperty("id").GetString()!;
                await PostAsync(http, options.AdminKey, $"/instances/{instanceId}/memory-architecture/init", new { config = "memory:\n  kind: bench\n" });
                var key = await PostAsync(http, options.AdminKey, $"/dashboard/instances/{instanceId}/api-keys", new { label = "bench" });
                created[i] = (instanceId, key.GetProperty("api_key").GetString()!);
            });
        made.AddRange(created);
        File.WriteAllLines(options.KeysFile, [options.Url, .. made.Select(m => $"{m.Item1} {m.Item2}")]);
        Console.WriteLine($"setup: {missing} instances with keys created in {watch.Elapsed.TotalSeconds:F0} s ({options.KeysFile})");
        return made;
    }

    private static List<(string, string)> Read(string file, string url)
    {
        if (!File.Exists(file))
            return [];
        var lines = File.ReadAllLines(file);
        if (lines.Length == 0 || lines[0] != url)
            return [];
        return lines.Skip(1).Select(l => l.Split(' ')).Select(p => (p[0], p[1])).ToList();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string adminKey, string path, object body)
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
