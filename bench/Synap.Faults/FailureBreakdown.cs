using System.Globalization;

namespace Synap.Faults;

/// <summary>What the failed attempts after a fault were, per node and answer, so a slow recovery can be read.</summary>
public static class FailureBreakdown
{
    public static void Print(Phase phase, IReadOnlyList<OperationRecord> operations)
    {
        var faultEnd = phase.FaultEnd!.Value;
        var failed = operations.SelectMany(o => o.Attempts.Select(a => (o.Kind, Attempt: a)))
            .Where(x => x.Attempt.Start >= phase.Start && x.Attempt.Start < phase.QuietUntil)
            .Where(x => !x.Attempt.Succeeded || x.Attempt.End - x.Attempt.Start > PhaseResult.SlowSeconds)
            .GroupBy(x => (x.Kind, x.Attempt.Node, x.Attempt.NodeTakenDown,
                Answer: x.Attempt.Succeeded ? $"HTTP {x.Attempt.Status} after more than {PhaseResult.SlowSeconds} s"
                    : x.Attempt.Status == 0 ? x.Attempt.Error : $"HTTP {x.Attempt.Status} {x.Attempt.Error}"))
            .OrderBy(g => g.Min(x => x.Attempt.End));
        foreach (var group in failed)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"faults: {phase.Name}: {group.Count()} {group.Key.Kind} attempts via {group.Key.Node}" +
                $"{(group.Key.NodeTakenDown ? " (node down)" : "")}: {group.Key.Answer}, sent from {group.Min(x => x.Attempt.Start) - faultEnd:F1} s " +
                $"to {group.Max(x => x.Attempt.Start) - faultEnd:F1} s after the fault ended"));
    }
}
