using System.Globalization;

namespace Synap.Bench;

/// <summary>
/// Instance creates per second through the REST API of every node in <c>--urls</c>, at each of <c>--concurrency</c>
/// (closed loop), spread over <c>--clients</c> clients (<see cref="CreateLoad"/>); each level is bounded by
/// <c>--seconds</c> and <c>--max-creates</c>.
/// </summary>
public static class CreateBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var adminKey = BenchArgs.Value(args, "--admin-key", "");
        var concurrencies = ApiNodes.Concurrencies(args);
        var seconds = BenchArgs.Int(args, "--seconds", 20);
        var maxCreates = long.Parse(BenchArgs.Value(args, "--max-creates", "20000"), CultureInfo.InvariantCulture);
        var clientCount = BenchArgs.Int(args, "--clients", 200);
        var nodes = ApiNodes.Connect(args, concurrencies.Max() * 2);
        var cpu = ProcessCpu.Parse(args);
        var load = await CreateLoad.SetUpAsync(nodes, adminKey, clientCount);
        // Warm-up: fresh processes compile (tiered JIT) and activate the client grains; on a loaded 2-core machine that takes seconds.
        await load.RunAsync(concurrencies[0], TimeSpan.FromSeconds(10), long.MaxValue);

        Console.WriteLine($"instance creates through {nodes.Length} API node(s), spread at random over {clientCount} clients (client keys), {seconds} s per level");
        Console.WriteLine();
        Console.WriteLine($"| concurrent callers | creates (201) | creates/s | p50 ms | p99 ms | other statuses | load avg after | CPU ms per create: {string.Join(" / ", cpu.Names)} |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        var failed = false;
        foreach (var concurrency in concurrencies)
        {
            var cpuBefore = cpu.Seconds();
            var round = await load.RunAsync(concurrency, TimeSpan.FromSeconds(seconds), maxCreates);
            var created = Math.Max(1, round.Statuses.GetValueOrDefault(201));
            var perCreate = cpu.Seconds().Zip(cpuBefore, (after, before) => (after - before) * 1000 / created);
            Console.WriteLine(Row(concurrency.ToString(CultureInfo.InvariantCulture), round) + " "
                + string.Join(" / ", perCreate.Select(ms => ms.ToString("F1", CultureInfo.InvariantCulture))) + " |");
            failed |= round.Errors > 0;
        }
        return failed ? 1 : 0;
    }

    /// <summary>One table row: label, 201s, 201s per second, p50/p99 of every request, the other statuses, the load average.</summary>
    public static string Row(string label, RoundResult round)
    {
        var created = round.Statuses.GetValueOrDefault(201);
        var others = string.Join(", ", round.Statuses.Where(s => s.Key != 201).Select(s => $"{s.Value} × {s.Key}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {created} | {created / round.Seconds:F0} | {Percentiles.Of(round.LatenciesMs, 0.5):F1} | {Percentiles.Of(round.LatenciesMs, 0.99):F1} | {(others.Length == 0 ? "none" : others)} | {MachineLoad.Now()} |");
    }
}
