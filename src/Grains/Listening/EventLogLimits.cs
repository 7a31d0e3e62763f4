namespace Synap.Grains.Listening;

/// <summary>
/// The bounds of one instance's event log: a segment closes at <see cref="SegmentSize"/> events or about
/// <see cref="SegmentChars"/> characters of text, whichever comes first, and only the newest
/// <see cref="MaxSegments"/> segments are kept (the current one included): at most 10 000 events, the oldest dropped
/// first. A silo may register its own instance (tests do, to reach the bound quickly).
/// </summary>
public sealed record EventLogLimits(int SegmentSize, int SegmentChars, int MaxSegments)
{
    public static EventLogLimits Default { get; } = new(100, 256 * 1024, 100);
}
