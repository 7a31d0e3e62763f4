using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Synap.Bench;

/// <summary>
/// Instance creates through the REST API of one or more API nodes, spread over many clients: a client grain takes its
/// creates one at a time, so one client would measure one grain's turn length, not the cluster. Each request picks a
/// random client (with that client's own key) and the next node in turn.
/// </summary>
public sealed class CreateLoad(IReadOnlyList<HttpClient> nodes, IReadOnlyList<(string ClientId, string Key)> clients)
{
    private long sequence;

    /// <summary>Makes <paramref name="count"/> enterprise clients (a limit no bench reaches) and a client key for each, through the first node.</summary>
    public static async Task<CreateLoad> SetUpAsync(IReadOnlyList<HttpClient> nodes, string adminKey, int count)
    {
        var clients = new (string, string)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var client = await BenchSetup.PostAsync(nodes[0], adminKey, "/dashboard/clients",
                new { name = $"bench-creates-{Guid.NewGuid():N}", tier = "enterprise", rate_limit_per_minute = 1_000_000_000, burst = 1_000_000_000 });
            var clientId = client.GetProperty("client_id").GetString()!;
            var key = await BenchSetup.PostAsync(nodes[0], adminKey, $"/dashboard/clients/{clientId}/api-keys", new { label = "bench" });
            clients[i] = (clientId, key.GetProperty("api_key").GetString()!);
        });
        return new CreateLoad(nodes, clients);
    }

    /// <summary>A closed loop of <paramref name="concurrency"/> callers for <paramref name="duration"/> or <paramref name="maxCreates"/>, whichever ends first.</summary>
    public async Task<RoundResult> RunAsync(int concurrency, TimeSpan duration, long maxCreates)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(1024);
            var statuses = new Dictionary<int, long>();
            long errors = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref sent) <= maxCreates)
            {
                var n = Interlocked.Increment(ref sequence);
                var (clientId, key) = clients[Random.Shared.Next(clients.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/dashboard/instances?client_id={clientId}")
                {
                    Content = JsonContent.Create(new { name = $"agent-{n}-{Guid.NewGuid():N}", agent_type = "bench", metadata = new { team = "bench" } }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                var started = Stopwatch.GetTimestamp();
                using var response = await nodes[(int)(n % nodes.Count)].SendAsync(request);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status != 201)
                    errors++;
            }
            return (latencies, errors, statuses);
        })).ToArray();
        var done = await Task.WhenAll(workers);
        var byStatus = done.SelectMany(d => d.statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new RoundResult(done.Sum(d => d.latencies.Count), done.Sum(d => d.errors), clock.Elapsed.TotalSeconds,
            done.SelectMany(d => d.latencies).Order().ToArray(), byStatus);
    }
}
