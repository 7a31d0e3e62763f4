using System.Globalization;
using System.Security.Cryptography;

namespace Synap.Faults;

/// <summary>
/// The whole run: start the topology, start the loads, a baseline then each fault between stretches of steady load,
/// stop the loads, read back every acknowledged write, stop and start everything, read them back again, report.
/// </summary>
public static class FaultRun
{
    public static async Task<int> RunAsync(FaultOptions options)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var adminKey = RandomNumberGenerator.GetHexString(64, lowercase: true);
        using var topology = Topology.Create(options, adminKey);
        try
        {
            Say($"starting 2 silos and 2 API nodes (load average {LoadAverage()})");
            await topology.StartAsync();
            var log = new OperationLog();
            var loads = await Loads.CreateAsync(topology.Apis, new ResilientCaller(topology.Apis, log), adminKey, options, runId);
            Say($"cluster ready; load: {string.Join(", ", loads.Select(l => l.Name))}, {options.WorkersPerNode} workers per API node " +
                $"at {options.OpsPerWorkerPerSecond} operations/s each");

            using var stop = new CancellationTokenSource();
            var running = Task.WhenAll(loads.Select(l => l.RunAsync(stop.Token)));
            var phases = await RunPhasesAsync(topology, TimeSpan.FromSeconds(options.SteadySeconds));
            Say("stopping the load (operations in hand finish)");
            await stop.CancelAsync();
            await running;
            phases[^1].End = phases[^1].QuietUntil = Clock.Now;

            Say($"reading back {loads.Sum(l => l.AcknowledgedWrites)} acknowledged writes");
            var lostLive = await VerifyAsync(loads);
            Say("full stop (API nodes, silos, PostgreSQL) and start");
            var killed = await topology.StopAsync();
            var restartBegan = Clock.Now;
            await topology.Postgres.StartAsync();
            await topology.StartAsync();
            var restartSeconds = Clock.Now - restartBegan;
            Say($"started again in {restartSeconds:F1} s; reading back every acknowledged write");
            var lostAfter = await VerifyAsync(loads);
            var lostByRestart = lostAfter.Where(w => !lostLive.Any(l => l.What == w.What)).ToArray();
            if (killed.Count > 0)
                Say($"full stop: {string.Join(", ", killed)} ignored SIGTERM and had to be killed");

            foreach (var load in loads)
                load.Judge(phases);
            foreach (var load in loads.OfType<IDisposable>())
                load.Dispose();
            var operations = log.Snapshot();
            var results = phases.Select(p => PhaseResult.Measure(p, operations,
                lostAfter.Count(w => p.Contains(w.AcknowledgedAt) || (p == phases[^1] && w.AcknowledgedAt >= p.End)))).ToArray();
            // Lost means storage does not hold it after the full restart. A write the live read-back missed but storage
            // holds was read from an activation that had not seen it (a stale duplicate while a silo left): printed and
            // counted, not hidden.
            var staleReads = lostLive.Where(w => !lostAfter.Any(l => l.What == w.What)).ToArray();
            foreach (var write in lostAfter.Take(20))
                Console.WriteLine($"faults: lost: {write.What}");
            foreach (var write in staleReads.Take(20))
                Console.WriteLine($"faults: stale read during the run (storage holds it): {write.What}");
            var acknowledged = loads.Sum(l => l.AcknowledgedWrites);
            Report.Print(results, lostByRestart.Length, killed, restartSeconds);
            foreach (var phase in phases)
                foreach (var note in phase.Notes)
                    Console.WriteLine($"faults: {phase.Name}: {note}");
            foreach (var phase in phases.Where(p => p.FaultEnd is not null))
                FailureBreakdown.Print(phase, operations);
            foreach (var failure in operations.Where(o => !o.Succeeded).Take(10))
                Console.WriteLine($"faults: failed {failure.Kind} via {failure.HomeNode} at {failure.Start:F1} s: {failure.Failure}");
            Say($"load average {LoadAverage()} (1, 5, 15 min; {Environment.ProcessorCount} cores)");
            var summary = Report.SummaryLine(results, acknowledged, lostByRestart.Length, killed, staleReads.Length);
            Console.WriteLine(summary);

            await topology.StopAsync();
            return summary.StartsWith("faults: PASS", StringComparison.Ordinal) ? 0 : 1;
        }
        finally
        {
            foreach (var process in topology.Silos.Select(s => s.Process).Concat(topology.Apis.Select(a => a.Process)))
                if (process.IsRunning)
                    await process.KillAsync();
        }
    }

    private static async Task<List<Phase>> RunPhasesAsync(Topology topology, TimeSpan steady)
    {
        // After a fault, load runs at least a second longer than the time-to-full-service goal, so a miss shows.
        var after = TimeSpan.FromSeconds(Math.Max(steady.TotalSeconds, PhaseResult.FullServiceGoalSeconds + 1));
        var baseline = new Phase("steady load, no fault", Clock.Now, null);
        var phases = new List<Phase> { baseline };
        await Task.Delay(steady);
        foreach (var fault in FaultPlan.Create(topology))
        {
            var phase = new Phase(fault.Name, phases[^1].End = Clock.Now, fault.SparedNode);
            phases.Add(phase);
            await Task.Delay(steady);
            phases[^2].QuietUntil = Clock.Now;
            Say($"fault: {fault.Name}");
            try
            {
                await fault.InjectAsync(phase);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                phase.Problems.Add($"the fault could not be carried out: {e.Message}");
                phase.FaultEnd ??= Clock.Now;
                await topology.EnsureRunningAsync();
            }
            Say($"fault over (ended {Clock.Now - phase.FaultEnd:F1} s ago, restart included)" +
                string.Concat(phase.Notes.Concat(phase.Problems).Select(n => "; " + n)));
            await Task.Delay(after);
        }
        baseline.QuietUntil = baseline.QuietUntil == 0 ? baseline.End : baseline.QuietUntil;
        return phases;
    }

    private static async Task<List<LostWrite>> VerifyAsync(IReadOnlyList<ILoad> loads)
    {
        var lost = new List<LostWrite>();
        foreach (var load in loads)
            lost.AddRange(await load.VerifyAsync());
        return lost;
    }

    /// <summary>The machine's load: timings on a shared 2-core machine mean little without it.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static void Say(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"faults: [{Clock.Now,6:F1} s] {message}"));
}
