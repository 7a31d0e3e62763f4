using System.Globalization;

namespace Synap.Bench;

/// <summary>
/// One fixed load against the cluster as it is now, printed as one table row labelled <c>--label</c>: instance creates
/// (<see cref="CreateLoad"/>) for <c>--seconds</c>, then rate-limited instance-key reads for <c>--seconds</c>, each at
/// <c>--concurrency</c> callers split evenly over the nodes in <c>--urls</c>. bench/scale.sh runs it with 2 silos, 1 silo
/// and 2 silos again, so the rows compare the same load on the same machine in one run.
/// </summary>
public static class SiloThroughputBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var adminKey = BenchArgs.Value(args, "--admin-key", "");
        var concurrency = BenchArgs.Int(args, "--concurrency", 32);
        var seconds = TimeSpan.FromSeconds(BenchArgs.Int(args, "--seconds", 15));
        var nodes = ApiNodes.Connect(args, concurrency * 2);
        var load = await CreateLoad.SetUpAsync(nodes, adminKey, BenchArgs.Int(args, "--clients", 100));
        var reader = await BenchSetup.CreateAsync(nodes[0], adminKey);
        var read = new Scenario("instance-key read", $"/dashboard/instances/{reader.InstanceId}", reader.InstanceKey);
        await load.RunAsync(concurrency, TimeSpan.FromSeconds(2), long.MaxValue);
        await ReadAsync(nodes, read, concurrency, TimeSpan.FromSeconds(2));

        var creates = await load.RunAsync(concurrency, seconds, long.MaxValue);
        var reads = await ReadAsync(nodes, read, concurrency, seconds);
        var created = creates.Statuses.GetValueOrDefault(201);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {BenchArgs.Value(args, "--label", "")} | {created / creates.Seconds:F0} | {Percentiles.Of(creates.LatenciesMs, 0.99):F1} | {reads.RequestsPerSecond:F0} | {Percentiles.Of(reads.LatenciesMs, 0.99):F1} | {creates.Errors + reads.Errors} | {MachineLoad.Now()} |"));
        return creates.Errors + reads.Errors > 0 ? 1 : 0;
    }

    /// <summary>The read scenario on every node at once, the callers split evenly; the rounds merged into one.</summary>
    private static async Task<RoundResult> ReadAsync(HttpClient[] nodes, Scenario read, int concurrency, TimeSpan duration)
    {
        var rounds = await Task.WhenAll(nodes.Select(node => LoadRunner.RunAsync(node, read, concurrency / nodes.Length, duration)));
        return new RoundResult(rounds.Sum(r => r.Requests), rounds.Sum(r => r.Errors), rounds.Max(r => r.Seconds),
            rounds.SelectMany(r => r.LatenciesMs).Order().ToArray(), new Dictionary<int, long>());
    }
}
