namespace Synap.Grains.Usage;

/// <summary>Counts events in hourly buckets and answers "how many in the last 24 hours" (hour granularity).</summary>
[GenerateSerializer, Alias("synap.rolling-hourly-counter.v1")]
public sealed class RollingHourlyCounter
{
    private const int Hours = 24;

    /// <summary>Unix hour → count; only the last 24 hours are kept.</summary>
    [Id(0)] public Dictionary<long, long> Buckets { get; set; } = [];

    public void Add(DateTimeOffset now, long count = 1)
    {
        var hour = HourOf(now);
        Buckets[hour] = Buckets.GetValueOrDefault(hour) + count;
        foreach (var old in Buckets.Keys.Where(h => h <= hour - Hours).ToList())
            Buckets.Remove(old);
    }

    public long Last24Hours(DateTimeOffset now)
    {
        var hour = HourOf(now);
        return Buckets.Where(b => b.Key > hour - Hours && b.Key <= hour).Sum(b => b.Value);
    }

    public void Clear() => Buckets.Clear();

    private static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;
}
