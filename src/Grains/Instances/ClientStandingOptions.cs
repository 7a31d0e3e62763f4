namespace Synap.Grains.Instances;

/// <summary>
/// How an instance keeps its client's standing (status, tier) current. The client pushes each change at once; an
/// active instance also re-reads it every <see cref="RefreshPeriod"/>, so a push that was lost (a failed call, a
/// silo that went away) delays a suspension by at most this long.
/// </summary>
public sealed class ClientStandingOptions
{
    /// <summary>Default 15 s: an active instance costs its client one read-only call per period.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(15);
}
