using Orleans.Storage;

namespace Synap.Grains.Audit;

/// <summary>
/// The segments of one log as rows of the grain storage, read and written by the log's own activation. They are
/// not grains: a segment is only ever touched by its log, so a grain per segment would add a call hop and an
/// activation per page read for nothing. Each row is keyed by the state name <c>audit-segment</c> and
/// <c>{logId}/{n}</c>, on PostgreSQL and SQLite alike, with the storage's usual version check.
/// </summary>
public sealed class AuditSegmentStore(IGrainStorage storage, string logId)
{
    public const string StateName = "audit-segment";

    private static readonly GrainType SegmentType = GrainType.Create("synap-audit-segment");

    /// <summary>The storage key of segment <paramref name="segment"/> of log <paramref name="logId"/>.</summary>
    public static GrainId SegmentId(string logId, int segment) => GrainId.Create(SegmentType, $"{logId}/{segment}");

    /// <summary>The segment with its version; an empty one (no version) when it was never written or was deleted.</summary>
    public async Task<GrainState<AuditSegmentState>> ReadAsync(int segment)
    {
        var state = new GrainState<AuditSegmentState>(new AuditSegmentState());
        await storage.ReadStateAsync(StateName, SegmentId(logId, segment), state);
        state.State ??= new AuditSegmentState();
        return state;
    }

    /// <summary>Writes the segment if its version is still the stored one; the state then carries the new version.</summary>
    public Task WriteAsync(int segment, GrainState<AuditSegmentState> state) =>
        storage.WriteStateAsync(StateName, SegmentId(logId, segment), state);

    /// <summary>Deletes a segment past the retention; nothing to do when it is already gone.</summary>
    public async Task DeleteAsync(int segment)
    {
        var state = await ReadAsync(segment);
        if (state.RecordExists)
            await storage.ClearStateAsync(StateName, SegmentId(logId, segment), state);
    }
}
