using System.Globalization;

namespace Synap.Faults;

/// <summary>The table the run prints, one row per phase, and the one summary line scripts/test.sh quotes.</summary>
public static class Report
{
    public static void Print(IReadOnlyList<PhaseResult> results, int lostAfterRestart, IReadOnlyList<string> killed, double restartSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| phase | ops | success with retries | failed attempts | spared node: success (failed attempts) | time to full service | longest operation | 500 | 503 with Retry-After (without) | acknowledged writes lost | goals |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var spared = r.SparedNode is null ? "" : string.Format(inv, "{0}: {1:P2} of {2} ({3})", r.SparedNode, r.SparedRatio, r.SparedOperations, r.SparedFailedAttempts);
            var recovery = r.TimeToFullService is { } t ? string.Format(inv, "{0}{1:F2} s", r.RecoveredInWindow ? "" : "> ", t) : "";
            var missed = r.MissedGoals().Concat(r.MissedTimeGoal() is { } slow ? [$"time goal: {slow}"] : Array.Empty<string>()).ToArray();
            Console.WriteLine(string.Format(inv, "| {0} | {1} | {2:P2} | {3} | {4} | {5} | {11:F1} s | {6} | {7} ({8}) | {9} | {10} |",
                r.Name, r.Operations, r.SuccessRatio, r.FailedAttempts, spared, recovery, r.Status500,
                r.Status503WithRetryAfter, r.Status503WithoutRetryAfter, r.Lost, missed.Length == 0 ? "met" : "MISSED: " + string.Join("; ", missed),
                r.LongestOperation));
        }
        var stopMissed = new List<string>();
        if (lostAfterRestart > 0) stopMissed.Add($"{lostAfterRestart} acknowledged writes lost");
        if (killed.Count > 0) stopMissed.Add($"{string.Join(", ", killed)} ignored SIGTERM");
        Console.WriteLine(string.Format(inv, "| full stop and start | | | | | started again in {0:F1} s | | | | {1} | {2} |",
            restartSeconds, lostAfterRestart, stopMissed.Count == 0 ? "met" : "MISSED: " + string.Join("; ", stopMissed)));
        Console.WriteLine();
    }

    /// <param name="lostAfterRestart">Writes read back during the run but not after the restart (already in their phase's count).</param>
    /// <param name="staleReads">Writes the live read-back missed although storage holds them.</param>
    public static string SummaryLine(IReadOnlyList<PhaseResult> results, int acknowledgedWrites, int lostAfterRestart, IReadOnlyList<string> killed, int staleReads)
    {
        var inv = CultureInfo.InvariantCulture;
        var faults = results.Where(r => r.TimeToFullService is not null).ToArray();
        var failed = results.Where(r => r.MissedGoals().Any()).Select(r => r.Name).ToList();
        var slow = results.Where(r => r.MissedTimeGoal() is not null).Select(r => $"{r.Name} ({r.TimeToFullService:F1} s)").ToArray();
        if (lostAfterRestart > 0 || killed.Count > 0)
            failed.Add("full stop and start");
        return string.Format(inv,
            "faults: {0} - {1} faults, {2} operations, worst success {3:P2}, worst time to full service {4:F2} s, {5} answers 500, " +
            "{6} acknowledged writes verified after a full restart, {7} lost, {9} stale reads during the run{10}{8}",
            failed.Count == 0 ? "PASS" : "FAIL", faults.Length, results.Sum(r => r.Operations),
            results.Min(r => r.SuccessRatio), faults.Max(r => r.TimeToFullService) ?? 0, results.Sum(r => r.Status500),
            acknowledgedWrites, results.Sum(r => r.Lost),
            failed.Count == 0 ? "" : " (missed: " + string.Join(", ", failed) + ")", staleReads,
            slow.Length == 0 ? "" : "; time goal (< 5 s) missed, not failing the run: " + string.Join(", ", slow));
    }
}
