using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Synap.Api.Grpc.V1;

namespace Synap.Bench;

/// <summary>
/// The gRPC listen stream under load, on loopback only. <c>pingpong</c>: one stream per instance, each sending a
/// heartbeat ping as soon as the previous pong arrived, for <c>--seconds</c> at each concurrency; reports ping → pong
/// p50/p99. <c>idle-streams</c>: opens <c>--streams</c> streams (each established by one answered ping), holds them
/// idle, and reports the server's RSS growth per stream; then closes them all.
/// </summary>
public static class GrpcBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = GrpcBenchOptions.Parse(args);
        using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(60) };
        using var channel = GrpcChannel.ForAddress(options.GrpcUrl, new GrpcChannelOptions
        {
            // Kestrel allows 100 streams per HTTP/2 connection; more streams open more connections.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
        });
        var client = new SynapService.SynapServiceClient(channel);
        return options.Mode == "pingpong"
            ? await PingPongAsync(http, client, options)
            : await IdleStreamsAsync(http, client, options);
    }

    private static async Task<int> PingPongAsync(HttpClient http, SynapService.SynapServiceClient client, GrpcBenchOptions options)
    {
        // Each concurrency gets instances of its own, so no round waits for the previous round's leases to be released.
        var warmUp = options.Concurrencies.Min();
        var instances = await ListenInstances.EnsureAsync(http, options, warmUp + options.Concurrencies.Sum());
        var warming = await Task.WhenAll(instances.Take(warmUp).Select(i => OpenAsync(client, i.Key)));
        await Task.WhenAll(warming.Select(s => PingUntilAsync(s, Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency)));
        await Task.WhenAll(warming.Select(CloseAsync));
        var offset = warmUp;
        Console.WriteLine($"pingpong: {options.GrpcUrl}, {options.Seconds} s per concurrency after a 2 s warm-up, one stream per instance");
        Console.WriteLine();
        Console.WriteLine("| streams | pings | pings/s | p50 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var concurrency in options.Concurrencies)
        {
            var streams = await Task.WhenAll(instances.Skip(offset).Take(concurrency).Select(i => OpenAsync(client, i.Key)));
            offset += concurrency;
            var until = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
            var perStream = await Task.WhenAll(streams.Select(s => PingUntilAsync(s, until)));
            var latencies = perStream.SelectMany(l => l).Order().ToArray();
            await Task.WhenAll(streams.Select(CloseAsync));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:F0} | {3:F2} | {4:F2} | {5:F2} |",
                concurrency, latencies.Length, latencies.Length / (double)options.Seconds,
                Percentiles.Of(latencies, 0.50), Percentiles.Of(latencies, 0.99), latencies.LastOrDefault()));
        }
        return 0;
    }

    private static async Task<int> IdleStreamsAsync(HttpClient http, SynapService.SynapServiceClient client, GrpcBenchOptions options)
    {
        var instances = await ListenInstances.EnsureAsync(http, options, options.Streams);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = ServerMemory.RssMb(options.ServerPid);
        var watch = Stopwatch.StartNew();
        var streams = new List<AsyncDuplexStreamingCall<StreamEvent, StreamResponse>>(options.Streams);
        var failed = 0;
        using var opening = new SemaphoreSlim(256);
        await Task.WhenAll(instances.Select(async instance =>
        {
            await opening.WaitAsync();
            try
            {
                var stream = await OpenAsync(client, instance.Key);
                lock (streams)
                    streams.Add(stream);
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                opening.Release();
            }
        }));
        var opened = watch.Elapsed;
        // Idle for a while so the lease renewals of every stream run at least once before measuring.
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var after = ServerMemory.RssMb(options.ServerPid);
        var stillOpen = await Task.WhenAll(streams.Select(async s =>
        {
            try
            {
                await PingOnceAsync(s);
                return true;
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException or TimeoutException)
            {
                return false;
            }
        }));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "idle-streams: {0} of {1} streams open at once on {2} (opened in {3:F1} s, {4} refused); after {5} s idle, {6} still answer a ping",
            streams.Count, options.Streams, options.GrpcUrl, opened.TotalSeconds, failed, options.Seconds, stillOpen.Count(o => o)));
        if (before is { } b && after is { } a && streams.Count > 0)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "server RSS (pid {0}): before {1:F0} MB, with the streams open {2:F0} MB: +{3:F0} MB, {4:F1} KiB per stream",
                options.ServerPid, b, a, a - b, (a - b) * 1024 / streams.Count));
        else
            Console.WriteLine("server RSS: unknown (pass --server-pid of the API process, Linux)");
        await Task.WhenAll(streams.Select(CloseAsync));
        return failed == 0 && stillOpen.All(o => o) ? 0 : 1;
    }

    /// <summary>Opens a stream and waits for its first pong: the lease is then held.</summary>
    private static async Task<AsyncDuplexStreamingCall<StreamEvent, StreamResponse>> OpenAsync(SynapService.SynapServiceClient client, string key)
    {
        var call = client.Listen(new Metadata { { "authorization", $"Bearer {key}" } });
        try
        {
            await PingOnceAsync(call);
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static async Task<double> PingOnceAsync(AsyncDuplexStreamingCall<StreamEvent, StreamResponse> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call.RequestStream.WriteAsync(new StreamEvent { HeartbeatPing = new HeartbeatPing { TimestampMs = started } });
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await call.ResponseStream.MoveNext(patience.Token))
        {
            if (call.ResponseStream.Current.PayloadCase == StreamResponse.PayloadOneofCase.HeartbeatPong
                && call.ResponseStream.Current.HeartbeatPong.TimestampMs == started)
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (call.ResponseStream.Current.PayloadCase == StreamResponse.PayloadOneofCase.Signal)
                throw new InvalidOperationException($"signal {call.ResponseStream.Current.Signal}");
        }
        throw new InvalidOperationException("the stream ended before the pong");
    }

    private static async Task<List<double>> PingUntilAsync(AsyncDuplexStreamingCall<StreamEvent, StreamResponse> call, long until)
    {
        var latencies = new List<double>();
        while (Stopwatch.GetTimestamp() < until)
            latencies.Add(await PingOnceAsync(call));
        return latencies;
    }

    private static async Task CloseAsync(AsyncDuplexStreamingCall<StreamEvent, StreamResponse> call)
    {
        try
        {
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // Already ended.
        }
        call.Dispose();
    }
}
