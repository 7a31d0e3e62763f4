namespace Synap.Api.Listening;

/// <summary>How an API node serves listen streams. Configuration section <c>Synap:Listen</c>.</summary>
public sealed class ListenStreamOptions
{
    public const string Section = "Synap:Listen";

    /// <summary>Default 15 s (API.md §10): an SSE comment line that keeps proxies from closing an idle stream.</summary>
    public TimeSpan PingPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Default 1 000: messages queued for one connection that has not sent them yet. A listener that falls this far
    /// behind is ended (<c>SLOW_CONSUMER</c>) rather than letting one stalled socket grow the node's memory.
    /// </summary>
    public int MaxQueuedMessages { get; set; } = 1000;
}
