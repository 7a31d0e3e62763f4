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
        if (Buckets.TryGetValue(hour, out var current))
        {
            Buckets[hour] = current + count;
            return;
        }
        // A new hour begins: the only moment old hours can fall out of the window, so the only time to prune.
        foreach (var old in Buckets.Keys.Where(h => h <= hour - Hours).ToList())
            Buckets.Remove(old);
        Buckets[hour] = count;
    }

    public long Last24Hours(DateTimeOffset now)
    {
        var hour = HourOf(now);
        long total = 0;
        foreach (var (bucketHour, count) in Buckets)
            if (bucketHour > hour - Hours && bucketHour <= hour)
                total += count;
        return total;
    }

    public void Clear() => Buckets.Clear();

    private static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;
}
