using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Synap.Bench;

/// <summary>
/// <c>bundles</c>: bundle publish → delivery latency across API nodes. An SSE listener holds the instance's stream on
/// <c>--listen-url</c>; <c>--concurrency</c> publishers post bundles through <c>--publish-url</c> (another API node of
/// the same cluster) for <c>--seconds</c> each; a bundle's latency runs from just before its POST is sent to the moment
/// its frame is read from the SSE stream. Also checks that sequences arrive in increasing order.
/// </summary>
public static class BundleBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var listenUrl = BenchArgs.Value(args, "--listen-url", "http://127.0.0.1:5300");
        var publishUrl = BenchArgs.Value(args, "--publish-url", listenUrl);
        var adminKey = BenchArgs.Value(args, "--admin-key", Environment.GetEnvironmentVariable("SYNAP_ADMIN_KEY") ?? "");
        var concurrencies = BenchArgs.Value(args, "--concurrency", "16,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = int.Parse(BenchArgs.Value(args, "--seconds", "5"), CultureInfo.InvariantCulture);
        using var listenHttp = new HttpClient { BaseAddress = new Uri(listenUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var publishHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrencies.Max() * 2 }) { BaseAddress = new Uri(publishUrl) };

        var setup = await BenchSetup.CreateAsync(listenHttp, adminKey);
        var sent = new ConcurrentDictionary<string, long>();
        var delivered = new ConcurrentQueue<double>();
        var outOfOrder = 0;
        using var listening = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/instances/{setup.InstanceId}/listen");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", setup.InstanceKey);
        using var response = await listenHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"listen refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
            var lastSequence = 0L;
            string? id = null;
            while (await lines.ReadLineAsync(listening.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && id is not null)
                {
                    var now = Stopwatch.GetTimestamp();
                    var sequence = long.Parse(id, CultureInfo.InvariantCulture);
                    if (sequence <= lastSequence)
                        Interlocked.Increment(ref outOfOrder);
                    lastSequence = sequence;
                    using var data = JsonDocument.Parse(line[6..]);
                    if (sent.TryRemove(data.RootElement.GetProperty("bundle_id").GetString()!, out var start))
                        delivered.Enqueue(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                    id = null;
                }
            }
        });

        Console.WriteLine($"bundle publish (POST {publishUrl}) → SSE delivery ({listenUrl}), one instance, {seconds} s per concurrency");
        Console.WriteLine();
        Console.WriteLine("| publishers | bundles/s | publish 202 p50 ms | p99 ms | delivery p50 ms | p99 ms | max ms | errors | out of order |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var failed = false;
        // Warm-up: activations, connections and JIT, not reported.
        await PublishAsync(publishHttp, setup, sent, 4, TimeSpan.FromSeconds(1));
        foreach (var concurrency in concurrencies)
        {
            await WaitForDeliveriesAsync(sent);
            delivered.Clear();
            var (count, errors, publishLatencies) = await PublishAsync(publishHttp, setup, sent, concurrency, TimeSpan.FromSeconds(seconds));
            await WaitForDeliveriesAsync(sent);
            var latencies = delivered.Order().ToArray();
            var publish = publishLatencies.Order().ToArray();
            failed |= errors > 0 || latencies.Length < count - errors || outOfOrder > 0;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F0} | {2:F2} | {3:F2} | {4:F2} | {5:F2} | {6:F2} | {7} | {8} |",
                concurrency, latencies.Length / (double)seconds, Percentiles.Of(publish, 0.5), Percentiles.Of(publish, 0.99),
                Percentiles.Of(latencies, 0.5), Percentiles.Of(latencies, 0.99), latencies.LastOrDefault(), errors, outOfOrder));
        }
        await listening.CancelAsync();
        response.Dispose();
        try
        {
            await reader;
        }
        catch (Exception)
        {
        }
        return failed ? 1 : 0;
    }

    private static async Task<(int Count, int Errors, List<double> PublishLatencies)> PublishAsync(
        HttpClient http, BenchSetup setup, ConcurrentDictionary<string, long> sent, int concurrency, TimeSpan duration)
    {
        var stop = Stopwatch.StartNew();
        var count = 0;
        var errors = 0;
        var latencies = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var bundleId = $"b-{Guid.NewGuid():N}";
                var body = $$$"""{"bundle_id":"{{{bundleId}}}","bundle_type":"reactive","items_by_type":{"preferences":[{"item_id":"p1","content":"prefers email, mornings"}]}}""";
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/instances/{setup.InstanceId}/bundles")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", setup.InstanceKey);
                var start = Stopwatch.GetTimestamp();
                sent[bundleId] = start;
                using var response = await http.SendAsync(request);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Increment(ref count);
                if ((int)response.StatusCode != 202)
                {
                    sent.TryRemove(bundleId, out var _);
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (count, errors, [.. latencies]);
    }

    /// <summary>Bounded: at most 10 s for the bundles still in flight to arrive.</summary>
    private static async Task WaitForDeliveriesAsync(ConcurrentDictionary<string, long> sent)
    {
        var deadline = Stopwatch.StartNew();
        while (!sent.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
    }
}
