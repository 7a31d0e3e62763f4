using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Synap.Bench;

/// <summary>
/// Instance list latency for a client with <c>--small</c> (10) instances vs one with <c>--big</c> (10 000), through one
/// API node with each client's own key: the first page and a later page, <c>--requests</c> sequential requests each,
/// alternating between the two clients so drift on a shared machine hits both alike. The big client's instances are
/// made through the same API (POST), and the create latency of its first and last 1000 is printed as well.
/// </summary>
public static class ListBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var adminKey = BenchArgs.Value(args, "--admin-key", "");
        var small = BenchArgs.Int(args, "--small", 10);
        var big = BenchArgs.Int(args, "--big", 10000);
        var requests = BenchArgs.Int(args, "--requests", 200);
        var http = ApiNodes.Connect(args, 16)[0];

        var (smallClient, smallKey, _) = await ClientWithInstancesAsync(http, adminKey, small);
        var seeding = Stopwatch.StartNew();
        var (bigClient, bigKey, createMs) = await ClientWithInstancesAsync(http, adminKey, big);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"made {big} instances of one client through POST /dashboard/instances in {seeding.Elapsed.TotalSeconds:F0} s (4 callers); load avg {MachineLoad.Now()}"));
        Console.WriteLine("| creates of that client | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, block) in new[] { ("first 1000", createMs.Take(1000)), ("last 1000", createMs.TakeLast(1000)) })
        {
            var sorted = block.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentiles.Of(sorted, 0.5):F1} | {Percentiles.Of(sorted, 0.99):F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"GET /dashboard/instances?client_id=… with the client's key, {requests} sequential requests per cell, alternating clients");
        Console.WriteLine();
        Console.WriteLine($"| page | {small} instances p50 ms | p99 ms | {big} instances p50 ms | p99 ms | p50 ratio | p99 ratio | load avg |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, smallQuery, bigQuery) in new[]
        {
            ("first (page=1, page_size=20)", "&page=1&page_size=20", "&page=1&page_size=20"),
            ("last (page_size=5, page=N/5)", $"&page={small / 5}&page_size=5", $"&page={big / 5}&page_size=5"),
        })
        {
            var (a, b) = await AlternateAsync(http, ($"/dashboard/instances?client_id={smallClient}{smallQuery}", smallKey),
                ($"/dashboard/instances?client_id={bigClient}{bigQuery}", bigKey), requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentiles.Of(a, 0.5):F2} | {Percentiles.Of(a, 0.99):F2} | {Percentiles.Of(b, 0.5):F2} | {Percentiles.Of(b, 0.99):F2} | {Percentiles.Of(b, 0.5) / Percentiles.Of(a, 0.5):F2} | {Percentiles.Of(b, 0.99) / Percentiles.Of(a, 0.99):F2} | {MachineLoad.Now()} |"));
        }
        return 0;
    }

    /// <summary>An enterprise client, its key, and <paramref name="count"/> instances created by 4 callers (they queue in the client grain anyway).</summary>
    private static async Task<(string ClientId, string Key, double[] CreateMs)> ClientWithInstancesAsync(HttpClient http, string adminKey, int count)
    {
        var client = await BenchSetup.PostAsync(http, adminKey, "/dashboard/clients",
            new { name = $"bench-list-{Guid.NewGuid():N}", tier = "enterprise", rate_limit_per_minute = 1_000_000_000, burst = 1_000_000_000 });
        var clientId = client.GetProperty("client_id").GetString()!;
        var key = (await BenchSetup.PostAsync(http, adminKey, $"/dashboard/clients/{clientId}/api-keys", new { label = "bench" })).GetProperty("api_key").GetString()!;
        var createMs = new double[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await BenchSetup.PostAsync(http, key, $"/dashboard/instances?client_id={clientId}", new { name = $"agent-{i}", agent_type = "bench" });
                createMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return (clientId, key, createMs);
    }

    private static async Task<(double[] A, double[] B)> AlternateAsync(HttpClient http, (string Path, string Key) a, (string Path, string Key) b, int requests)
    {
        await GetAsync(http, a);
        await GetAsync(http, b);
        var (la, lb) = (new double[requests], new double[requests]);
        for (var i = 0; i < requests; i++)
        {
            la[i] = await GetAsync(http, a);
            lb[i] = await GetAsync(http, b);
        }
        Array.Sort(la);
        Array.Sort(lb);
        return (la, lb);
    }

    private static async Task<double> GetAsync(HttpClient http, (string Path, string Key) target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Key);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {target.Path}: {(int)response.StatusCode}");
        return elapsed;
    }
}
