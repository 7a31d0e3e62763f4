using Synap.Grains.Interfaces.Audit;

namespace Synap.Grains.Audit;

/// <summary>
/// The head of one audit log: where its segments are. Small, and written only when a segment fills (and once when a
/// legacy log is migrated), so an append normally writes just the current segment.
/// </summary>
/// <remarks>
/// Invariant: every retained segment below <see cref="CurrentSegment"/> holds exactly <c>SegmentSize</c> entries; the
/// current one holds 0 to <c>SegmentSize</c>. The head moves to a new segment before anything is written into it, so
/// storage is consistent after any failed write.
/// </remarks>
[GenerateSerializer, Alias("synap.audit-log-state.v1")]
public sealed class AuditLogState
{
    /// <summary>
    /// The whole log as it was stored before segments (one list rewritten on every append). Moved into segments on the
    /// log's first activation, then empty.
    /// </summary>
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];

    /// <summary>The segment appends go to.</summary>
    [Id(1)] public int CurrentSegment { get; set; }

    /// <summary>The ids of the segment before the current one, so a retried append is recognised across a segment boundary.</summary>
    [Id(2)] public List<string> PreviousSegmentIds { get; set; } = [];

    /// <summary>Segments below this one are known deleted; the ones from here up to the first retained one are still to delete.</summary>
    [Id(3)] public int PrunedBelow { get; set; }
}
