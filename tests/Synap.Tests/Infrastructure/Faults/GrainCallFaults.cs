using System.Collections.Concurrent;

namespace Synap.Tests.Infrastructure.Faults;

/// <summary>
/// Which incoming grain calls a <see cref="FaultInjectingCallFilter"/> fails, by target grain and method name: a lost
/// push, an unreachable grain. Static for the same reason as <see cref="StorageFaults"/>.
/// </summary>
public static class GrainCallFaults
{
    private static readonly ConcurrentDictionary<(GrainId GrainId, string Method), int> Rules = new();

    /// <summary>Fails every call of <paramref name="method"/> on <paramref name="grain"/> until the result is disposed.</summary>
    public static IDisposable FailCalls(IAddressable grain, string method)
    {
        var key = (grain.GetGrainId(), method);
        Rules[key] = 0;
        return new Lift(() => Rules.TryRemove(key, out _));
    }

    /// <summary>How many calls were failed under the current rule.</summary>
    public static int Failed(IAddressable grain, string method) => Rules.GetValueOrDefault((grain.GetGrainId(), method));

    internal static bool ShouldFail(GrainId grainId, string method)
    {
        var key = (grainId, method);
        if (!Rules.ContainsKey(key))
            return false;
        Rules.AddOrUpdate(key, 1, (_, n) => n + 1);
        return true;
    }

    private sealed class Lift(Action lift) : IDisposable
    {
        public void Dispose() => lift();
    }
}
