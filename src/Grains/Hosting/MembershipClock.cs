using Microsoft.Extensions.DependencyInjection;

namespace Synap.Grains.Hosting;

/// <summary>
/// The clock Orleans' membership services and silo watchdog read (<see cref="TimeProviderNames.Membership"/>), with
/// timestamps counted from the clock's creation at silo start instead of from machine boot.
/// <para>
/// Why: <c>Watchdog.Start</c> (Orleans 10.4.2) starts its platform thread before it stores the component thread's
/// first timestamp. When that thread checks first, it measures from timestamp 0, so <c>GetElapsedTime(0)</c> is the
/// machine's uptime on the monotonic clock, and a fresh silo logs "Participant check thread has not completed for
/// 00:17:38" (and records a health complaint) although nothing stalled. Counting from the silo's start makes that
/// race measure seconds, well under the warning threshold (twice
/// <c>ClusterMembershipOptions.LocalHealthDegradationMonitoringPeriod</c>, 20 s by default). Only differences of
/// timestamps from the same clock carry meaning, so shifting the origin changes nothing else.
/// </para>
/// </summary>
public sealed class MembershipClock(TimeProvider inner) : TimeProvider
{
    private readonly long origin = inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    // Never 0 or below: a reader that took the default 0 as "start" then measures since the silo started.
    public override long GetTimestamp() => inner.GetTimestamp() - origin + 1;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Registers the clock for <see cref="TimeProviderNames.Membership"/>, over whatever <see cref="TimeProvider"/> the host uses.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership,
            (provider, _) => new MembershipClock(provider.GetRequiredService<TimeProvider>()));
}
