using Microsoft.Extensions.Time.Testing;
using Synap.Grains.Hosting;

namespace Synap.Tests.Unit;

/// <summary>
/// Issue 6 item 6: Orleans' silo watchdog can measure from a timestamp still at its default 0 (a start-up race in
/// <c>Watchdog.Start</c>), which on the system clock is the machine's uptime and printed
/// "Participant check thread has not completed for 00:17:38" on a fresh start. The membership clock counts from the
/// silo's start, so that race measures seconds.
/// </summary>
public sealed class MembershipClockTests
{
    // Twice Orleans' default LocalHealthDegradationMonitoringPeriod (10 s): the watchdog's warning threshold.
    private static readonly TimeSpan WatchdogThreshold = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_default_zero_timestamp_on_the_system_clock_measures_the_machine_uptime()
    {
        // The fault being worked around: fails only on a machine booted less than 20 s ago.
        Assert.True(TimeProvider.System.GetElapsedTime(0) > WatchdogThreshold);
    }

    [Fact]
    public void A_default_zero_timestamp_on_the_membership_clock_measures_time_since_the_silo_started()
    {
        var clock = new MembershipClock(TimeProvider.System);

        Assert.True(clock.GetElapsedTime(0) < WatchdogThreshold, $"{clock.GetElapsedTime(0)}");
    }

    [Fact]
    public void Elapsed_times_and_wall_time_are_those_of_the_underlying_clock()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        fake.Advance(TimeSpan.FromDays(3));
        var clock = new MembershipClock(fake);

        var start = clock.GetTimestamp();
        fake.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), clock.GetElapsedTime(start));
        Assert.InRange(clock.GetElapsedTime(0), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7.001));
        Assert.Equal(fake.GetUtcNow(), clock.GetUtcNow());
        Assert.True(clock.GetTimestamp() > 0, "0 stays free as the \"never set\" value");
    }
}
