namespace Synap.Grains.Audit;

/// <summary>
/// The bounds of one audit log: entries are stored in segments of <see cref="SegmentSize"/>, and only the newest
/// <see cref="MaxSegments"/> segments are kept (the current one included), so a log holds at most
/// <c>SegmentSize × MaxSegments</c> entries. A silo may register its own instance (tests do, to reach the bound quickly).
/// </summary>
public sealed record AuditLogLimits(int SegmentSize, int MaxSegments)
{
    /// <summary>100 entries a segment, 1000 segments: the newest 99 901 to 100 000 entries of each log.</summary>
    public static AuditLogLimits Default { get; } = new(100, 1000);

    public int MaxEntries => SegmentSize * MaxSegments;
}
