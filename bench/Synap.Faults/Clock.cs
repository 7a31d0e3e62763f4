using System.Diagnostics;

namespace Synap.Faults;

/// <summary>One monotonic clock for the whole run, in seconds since the driver started, so every event and attempt compares directly.</summary>
public static class Clock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static double Now => Stopwatch.GetElapsedTime(Origin).TotalSeconds;
}
