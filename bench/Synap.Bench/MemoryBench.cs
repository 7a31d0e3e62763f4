using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synap.Bench;

/// <summary>
/// Memories over HTTP against a running node: ingestion throughput (POST → completed, i.e. until the instance's
/// <c>memories_count</c> reaches what was posted) at each concurrency, and the latency of listings for an instance
/// holding 100 memories vs one holding 100 000 (seeded straight into the table by <see cref="MemorySeeder"/>).
/// Bounded: a fixed number of memories per concurrency and of listing requests.
/// </summary>
public static class MemoryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = BenchArgs.Value(args, "--url", "http://127.0.0.1:5300");
        var adminKey = BenchArgs.Value(args, "--admin-key", "");
        var dataPath = BenchArgs.Value(args, "--data", "");
        var perLevel = int.Parse(BenchArgs.Value(args, "--memories", "2000"), CultureInfo.InvariantCulture);
        var big = int.Parse(BenchArgs.Value(args, "--big", "100000"), CultureInfo.InvariantCulture);
        var concurrencies = BenchArgs.Value(args, "--concurrency", "16,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Synap");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrencies.Max() * 2 }) { BaseAddress = new Uri(url) };
        Console.WriteLine($"memories bench against {url}, storage {(connectionString is null ? "SQLite (standalone)" : "PostgreSQL")}");
        Console.WriteLine();
        Console.WriteLine("| concurrency | memories | POST 202 p50 ms | POST 202 p99 ms | all completed after s | ingested / s |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var concurrency in concurrencies)
        {
            var agent = await BenchSetup.CreateAsync(http, adminKey);
            await IngestAsync(http, agent, 20, 4); // warm-up of this instance's store
            var (posts, completedAfter) = await IngestAsync(http, agent, perLevel, concurrency);
            var sorted = posts.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {perLevel} | {Percentiles.Of(sorted, 0.5):F2} | {Percentiles.Of(sorted, 0.99):F2} | {completedAfter.TotalSeconds:F2} | {perLevel / completedAfter.TotalSeconds:F0} |"));
        }

        var small = await BenchSetup.CreateAsync(http, adminKey);
        for (var i = 0; i < 100; i++)
            await PostMemoryAsync(http, small.InstanceKey, $"small memory {i}: customer prefers email");
        var large = await BenchSetup.CreateAsync(http, adminKey);
        var seeded = await MemorySeeder.SeedAsync(connectionString, dataPath, large.InstanceId, big);
        Console.WriteLine();
        Console.WriteLine($"seeded {big} memories into the table in {seeded.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| listing (200 sequential requests each) | 100 memories p50 ms | 100 memories p99 ms | " + big + " memories p50 ms | " + big + " memories p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, query, bigQuery) in new[]
        {
            ("first page (page_size 20)", "?page=1&page_size=20", "?page=1&page_size=20"),
            ("last page (page_size 100)", "?page=1&page_size=100", $"?page={big / 100}&page_size=100"),
            ("scope=customer, first page", "?scope=customer", "?scope=customer"),
            ("q=email (substring), first page", "?q=email", "?q=email"),
        })
        {
            var a = await ListLatenciesAsync(http, small.InstanceKey, query, 200);
            var b = await ListLatenciesAsync(http, large.InstanceKey, bigQuery, 200);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentiles.Of(a, 0.5):F2} | {Percentiles.Of(a, 0.99):F2} | {Percentiles.Of(b, 0.5):F2} | {Percentiles.Of(b, 0.99):F2} |"));
        }
        return 0;
    }

    /// <summary>Posts <paramref name="count"/> memories with <paramref name="concurrency"/> workers; waits until all are completed.</summary>
    private static async Task<(List<double> PostMs, TimeSpan CompletedAfter)> IngestAsync(HttpClient http, BenchSetup agent, int count, int concurrency)
    {
        var before = await MemoriesCountAsync(http, agent);
        var clock = Stopwatch.StartNew();
        var next = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Interlocked.Increment(ref next) <= count)
            {
                var started = Stopwatch.GetTimestamp();
                await PostMemoryAsync(http, agent.InstanceKey, $"bench memory {Guid.NewGuid():N}: the customer prefers email on weekdays");
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return latencies;
        })).ToArray();
        var posts = (await Task.WhenAll(workers)).SelectMany(l => l).ToList();
        var deadline = TimeSpan.FromMinutes(5);
        while (await MemoriesCountAsync(http, agent) < before + count)
        {
            if (clock.Elapsed > deadline)
                throw new TimeoutException($"{count} memories not all completed within {deadline}");
            await Task.Delay(10);
        }
        return (posts, clock.Elapsed);
    }

    private static async Task PostMemoryAsync(HttpClient http, string key, string content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/memories") { Content = JsonContent.Create(new { content, scope = "customer" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"POST /v1/memories: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<long> MemoriesCountAsync(HttpClient http, BenchSetup agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/instances/{agent.InstanceId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.InstanceKey);
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("memories_count").GetInt64();
    }

    private static async Task<double[]> ListLatenciesAsync(HttpClient http, string key, string query, int requests)
    {
        var latencies = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/memories" + query);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET /v1/memories{query}: {(int)response.StatusCode}");
        }
        Array.Sort(latencies);
        return latencies;
    }
}
