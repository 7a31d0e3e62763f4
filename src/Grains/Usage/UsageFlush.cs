namespace Synap.Grains.Usage;

/// <summary>
/// How often usage (key last_used_at, instance counters) is written: at most one storage write per grain per
/// period instead of one per request. A crash loses at most this much usage.
/// </summary>
public static class UsageFlush
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
}
