using System.Collections.Concurrent;

namespace Synap.Tests.Infrastructure.Faults;

/// <summary>
/// Which grain-state writes a <see cref="FaultInjectingGrainStorage"/> fails, switched on by a test. Rules are per
/// state name and grain id, so tests that make their own grains never disturb each other. Silos of a
/// <c>TestCluster</c> run in the test process, so a static table reaches them.
/// </summary>
public static class StorageFaults
{
    private static readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Rule> Rules = new();
    private static readonly ConcurrentDictionary<(string StateName, GrainId GrainId), int> Writes = new();

    /// <summary>
    /// Fails the next <paramref name="times"/> writes (and clears) of <paramref name="stateName"/> for <paramref name="grain"/>.
    /// <see cref="StorageFaultKind.AfterWrite"/> commits the write and then throws: the uncertain case of a timeout
    /// after the commit. Dispose the result to lift the rule early.
    /// </summary>
    public static IDisposable FailWrites(string stateName, IAddressable grain, int times = 1, StorageFaultKind kind = StorageFaultKind.BeforeWrite) =>
        FailWrites(stateName, grain.GetGrainId(), times, kind);

    /// <summary>The same for a storage row that is not a grain's own state (e.g. an audit segment), named by its grain id.</summary>
    public static IDisposable FailWrites(string stateName, GrainId grainId, int times = 1, StorageFaultKind kind = StorageFaultKind.BeforeWrite)
    {
        var key = (stateName, grainId);
        var rule = new Rule(times, kind);
        Rules[key] = rule;
        return new Lift(() => Rules.TryRemove(new KeyValuePair<(string, GrainId), Rule>(key, rule)));
    }

    /// <summary>How many faults of the current rule for this state were injected so far.</summary>
    public static int Injected(string stateName, IAddressable grain) =>
        Rules.TryGetValue((stateName, grain.GetGrainId()), out var rule) ? rule.Injected : 0;

    /// <summary>How many writes of this state reached storage (successful or not) since the silo started.</summary>
    public static int WritesOf(string stateName, IAddressable grain) => Writes.GetValueOrDefault((stateName, grain.GetGrainId()));

    internal static StorageFaultKind? Next(string stateName, GrainId grainId)
    {
        Writes.AddOrUpdate((stateName, grainId), 1, (_, n) => n + 1);
        return Rules.TryGetValue((stateName, grainId), out var rule) ? rule.TryTake() : null;
    }

    private sealed class Rule(int times, StorageFaultKind kind)
    {
        private int injected;

        public int Injected => Volatile.Read(ref injected);

        public StorageFaultKind? TryTake() => Interlocked.Increment(ref injected) <= times ? kind : null;
    }

    private sealed class Lift(Action lift) : IDisposable
    {
        public void Dispose() => lift();
    }
}
