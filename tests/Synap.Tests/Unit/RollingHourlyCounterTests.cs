using Synap.Grains.Usage;

namespace Synap.Tests.Unit;

/// <summary><c>api_calls_24h</c> (API.md §3, §5): calls counted in hourly buckets, the last 24 hours at hour granularity.</summary>
public sealed class RollingHourlyCounterTests
{
    private static readonly DateTimeOffset Hour0 = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_counter_counts_nothing()
    {
        Assert.Equal(0, new RollingHourlyCounter().Last24Hours(Hour0));
    }

    [Fact]
    public void Calls_in_the_same_hour_and_in_earlier_hours_add_up()
    {
        var counter = new RollingHourlyCounter();

        counter.Add(Hour0.AddMinutes(1));
        counter.Add(Hour0.AddMinutes(59));
        counter.Add(Hour0.AddHours(5), count: 3);
        counter.Add(Hour0.AddHours(23).AddMinutes(30));

        Assert.Equal(2, counter.Last24Hours(Hour0.AddMinutes(59)));
        Assert.Equal(5, counter.Last24Hours(Hour0.AddHours(5)));
        Assert.Equal(6, counter.Last24Hours(Hour0.AddHours(23).AddMinutes(59)));
    }

    [Fact]
    public void A_call_drops_out_when_its_hour_is_24_hours_old()
    {
        var counter = new RollingHourlyCounter();
        counter.Add(Hour0.AddMinutes(30));

        Assert.Equal(1, counter.Last24Hours(Hour0.AddHours(24).AddTicks(-1)));
        Assert.Equal(0, counter.Last24Hours(Hour0.AddHours(24)));
        Assert.Equal(0, counter.Last24Hours(Hour0.AddDays(3)));
    }

    [Fact]
    public void Only_the_hours_of_the_window_are_counted_as_time_moves_on()
    {
        var counter = new RollingHourlyCounter();
        counter.Add(Hour0, count: 4);
        counter.Add(Hour0.AddHours(1), count: 2);

        Assert.Equal(6, counter.Last24Hours(Hour0.AddHours(23)));
        Assert.Equal(2, counter.Last24Hours(Hour0.AddHours(24)));
        Assert.Equal(0, counter.Last24Hours(Hour0.AddHours(25)));
    }

    [Fact]
    public void Adding_forgets_hours_that_left_the_window()
    {
        var counter = new RollingHourlyCounter();
        for (var hour = 0; hour < 48; hour++)
            counter.Add(Hour0.AddHours(hour));

        Assert.Equal(24, counter.Buckets.Count);
        Assert.Equal(24, counter.Last24Hours(Hour0.AddHours(47)));
    }

    [Fact]
    public void Clear_forgets_every_call()
    {
        var counter = new RollingHourlyCounter();
        counter.Add(Hour0, count: 7);

        counter.Clear();

        Assert.Equal(0, counter.Last24Hours(Hour0));
    }
}
