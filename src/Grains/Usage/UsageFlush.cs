namespace Synap.Grains.Usage;

/// <summary>
/// How often usage (key last_used_at, instance counters) is written to the owner's <see cref="UsageState"/>: at most
/// one small write per grain per period instead of one per request, and never a rewrite of the owner's own state.
/// A crash loses at most this much usage.
/// </summary>
public static class UsageFlush
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
}
