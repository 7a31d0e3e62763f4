using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Bench;

/// <summary>
/// Creates N clients one after another through the registry, as in-process grain calls on a silo hosted here
/// against real storage (standalone SQLite by default; PostgreSQL with <c>ConnectionStrings__Synap</c>), and
/// reports the create latency per block of 1000, so a latency that grew with the number of clients would show.
/// </summary>
public static class RegistryBench
{
    private const int Block = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchArgs.Int(args, "--clients", 10000);
        var dataPath = BenchArgs.Value(args, "--data", Path.Combine(Path.GetTempPath(), $"synap-registry-bench-{Guid.NewGuid():N}", "synap.db"));
        var (built, options) = InProcessSilo.Build(args, "registry-bench", dataPath);
        using var host = built;
        await host.StartAsync();
        try
        {
            var storage = options.IsStandalone ? $"SQLite (WAL) at {options.DataPath}" : "PostgreSQL";
            Console.WriteLine($"registry bench: {count} sequential creates, in-process grain calls, storage {storage}");
            var registry = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);
            var run = Guid.NewGuid().ToString("N")[..8];
            await registry.CreateClient(new CreateClientCommand($"warm-up-{run}"), Actor.Admin);
            var latencies = new double[count];
            for (var i = 0; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var created = await registry.CreateClient(new CreateClientCommand($"bench-{run}-{i}"), Actor.Admin);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!created.IsSuccess)
                    throw new InvalidOperationException($"create {i} failed: {created.Error}");
            }
            Print(latencies);
            var listStarted = Stopwatch.GetTimestamp();
            var page = await registry.ListClients("active", new PageRequest(count / 100, 100), Actor.Admin);
            Console.WriteLine($"listing page {count / 100} of 100 active clients (total {page.Value!.Total}): {Stopwatch.GetElapsedTime(listStarted).TotalMilliseconds:F1} ms");
            return 0;
        }
        finally
        {
            await host.StopAsync();
            if (options.IsStandalone && !args.Contains("--data"))
                Directory.Delete(Path.GetDirectoryName(options.DataPath)!, recursive: true);
        }
    }

    private static void Print(double[] latencies)
    {
        Console.WriteLine("| creates | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        for (var start = 0; start < latencies.Length; start += Block)
        {
            var block = latencies.Skip(start).Take(Block).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {start + 1}–{start + block.Length} | {Percentiles.Of(block, 0.50):F2} | {Percentiles.Of(block, 0.90):F2} | {Percentiles.Of(block, 0.99):F2} | {block[^1]:F2} |"));
        }
    }
}
