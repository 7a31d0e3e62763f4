using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Security;

namespace Synap.Bench;

/// <summary>
/// Memory per idle activated instance grain, read from the silo's own heap: a silo hosted here creates
/// <c>--instances</c> instances (plus 1000 for warm-up) under <c>--clients</c> clients with real state (each instance
/// through <see cref="IInstanceMembership.Initialize"/>, the create's own write, without the client's listing and the
/// audit entries, which an idle instance does not hold in memory; 4× fewer writes to seed), stops (every
/// grain deactivated), starts again on the same storage, activates every client, then measures the managed heap after
/// a full compacting GC before and after activating each instance by one read (<c>ListApiKeys</c>: the instance grain
/// alone, no memory store). Also the CPU the idle activations cost over <c>--idle-seconds</c>.
/// </summary>
public static class GrainMemoryBench
{
    private const int WarmUp = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--instances", 50000);
        var clientCount = BenchArgs.Int(args, "--clients", 500);
        var concurrency = BenchArgs.Int(args, "--concurrency", 64);
        var idleSeconds = BenchArgs.Int(args, "--idle-seconds", 20);
        var dataPath = BenchArgs.Value(args, "--data", Path.Combine(Path.GetTempPath(), $"synap-grain-memory-{Guid.NewGuid():N}", "synap.db"));

        string[] clientIds;
        string[] instanceIds;
        var (first, options) = InProcessSilo.Build(args, "grain-memory-bench", dataPath);
        using (first)
        {
            await first.StartAsync();
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var made = Stopwatch.StartNew();
            clientIds = await CreateClientsAsync(grains, clientCount, concurrency);
            instanceIds = Enumerable.Range(0, count + WarmUp).Select(i => $"inst_{i:x16}").ToArray();
            var createdAt = DateTimeOffset.UtcNow;
            await Parallel.ForAsync(0, instanceIds.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                var seed = new InstanceSeed(clientIds[i % clientIds.Length], $"agent-{i}", "bench", "an idle agent",
                    new Dictionary<string, string> { ["team"] = "bench" }, null, createdAt);
                var created = await grains.GetGrain<IInstanceMembership>(instanceIds[i]).Initialize(seed);
                if (!created.IsSuccess)
                    throw new InvalidOperationException($"create {i}: {created.Error}");
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage {(options.IsStandalone ? "SQLite (standalone)" : "PostgreSQL")}: {clientCount} clients and {instanceIds.Length} instances (each written by its own grain, as a create's first step) in {made.Elapsed.TotalSeconds:F0} s, {concurrency} callers; load avg {MachineLoad.Now()}"));
            await first.StopAsync();
        }

        var (second, _) = InProcessSilo.Build(args, "grain-memory-bench", dataPath);
        using (second)
        {
            await second.StartAsync();
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            await Parallel.ForAsync(0, clientIds.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (i, _) => await grains.GetGrain<IClientGrain>(clientIds[i]).Get(Actor.Admin));
            await ActivateAsync(grains, instanceIds[..WarmUp], concurrency);
            var idleBefore = await IdleCpuAsync(idleSeconds);
            var before = HeapReading.Take();
            var activated = Stopwatch.StartNew();
            await ActivateAsync(grains, instanceIds[WarmUp..], concurrency);
            var activationSeconds = activated.Elapsed.TotalSeconds;
            var after = HeapReading.Take();
            var idleAfter = await IdleCpuAsync(idleSeconds);
            var afterIdle = HeapReading.Take();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"activated {count} instance grains by one read each in {activationSeconds:F1} s; load avg {MachineLoad.Now()}"));
            Console.WriteLine();
            Console.WriteLine("| reading (after a full compacting GC) | before | after | per instance grain |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            HeapReading.Row("managed heap, GC.GetTotalMemory(true)", before.TotalMemory, after.TotalMemory, count);
            HeapReading.Row("GC heap size, GC.GetGCMemoryInfo().HeapSizeBytes", before.HeapSize, after.HeapSize, count);
            HeapReading.Row("process RSS, /proc/self/status VmRSS", before.Rss, after.Rss, count);
            HeapReading.Row($"managed heap after {idleSeconds} s idle", before.TotalMemory, afterIdle.TotalMemory, count);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU of the idle silo over {idleSeconds} s: {idleBefore:F0} ms/s with the clients and {WarmUp} warm-up instances active, {idleAfter:F0} ms/s with all {count + WarmUp} instances ({(idleAfter - idleBefore) * 1000 / count:F1} µs/s per instance grain)"));
            await second.StopAsync();
        }
        if (options.IsStandalone && !args.Contains("--data"))
            Directory.Delete(Path.GetDirectoryName(options.DataPath)!, recursive: true);
        return 0;
    }

    /// <summary>CPU milliseconds per second this process used while the bench waited <paramref name="seconds"/>.</summary>
    private static async Task<double> IdleCpuAsync(int seconds)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / seconds;
    }

    private static async Task<string[]> CreateClientsAsync(IGrainFactory grains, int count, int concurrency)
    {
        var registry = grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var created = await registry.CreateClient(new CreateClientCommand($"memory-bench-{run}-{i}"), Actor.Admin);
            ids[i] = created.Value?.ClientId ?? throw new InvalidOperationException($"client {i}: {created.Error}");
        });
        return ids;
    }

    private static Task ActivateAsync(IGrainFactory grains, string[] instanceIds, int concurrency) =>
        Parallel.ForAsync(0, instanceIds.Length, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var keys = await grains.GetGrain<IInstanceGrain>(instanceIds[i]).ListApiKeys(Actor.Admin);
            if (!keys.IsSuccess)
                throw new InvalidOperationException($"{instanceIds[i]}: {keys.Error}");
        });
}
