using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Storage;

namespace Synap.Grains.Audit;

/// <summary>
/// One audit log per client or instance. A grain of its own rather than a list in the owner's state, so the owner's
/// state (read on every key authentication) does not grow with its history.
/// </summary>
/// <remarks>
/// Entries are kept in arrival order, the order in which this single activation appended them, and listed newest
/// first in that order. Timestamps come from the grains that made the changes, possibly on other silos, so two entries
/// may arrive in a different order than their timestamps; arrival is the order the log vouches for.
/// Bounded (<see cref="AuditLogLimits"/>, <see cref="AuditEntryCap"/>): an append writes only the current segment, a
/// page reads at most the two segments that hold it, and segments past the retention are deleted.
/// Memory never runs ahead of storage: every write is made on a copy that replaces the held state only once stored,
/// and any failure deactivates the log, so the next call reads storage again and a retried append converges.
/// </remarks>
public sealed class AuditLogGrain(
    [PersistentState("audit-log", SynapStorage.Name)] IPersistentState<AuditLogState> head) : Grain, IAuditLogGrain
{
    private AuditLogLimits limits = AuditLogLimits.Default;
    private AuditSegments segments = new(AuditLogLimits.Default);
    private AuditSegmentStore store = null!;
    private GrainState<AuditSegmentState> current = null!;
    private AuditDedupWindow window = null!;

    private List<AuditEntry> CurrentEntries => current.State!.Entries;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        limits = ServiceProvider.GetService<AuditLogLimits>() ?? AuditLogLimits.Default;
        segments = new AuditSegments(limits);
        store = new AuditSegmentStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name), this.GetPrimaryKeyString());
        if (head.State.Entries.Count > 0)
            await MigrateLegacyEntriesAsync();
        current = await store.ReadAsync(head.State.CurrentSegment);
        window = new AuditDedupWindow(head.State.PreviousSegmentIds, CurrentEntries);
    }

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        var pending = window.Unseen(entries).Select(AuditEntryCap.Apply).ToList();
        try
        {
            while (pending.Count > 0)
            {
                if (CurrentEntries.Count >= limits.SegmentSize)
                    await MoveToNextSegmentAsync();
                var batch = pending.Take(limits.SegmentSize - CurrentEntries.Count).ToList();
                var next = new GrainState<AuditSegmentState>(new AuditSegmentState { Entries = [.. CurrentEntries, .. batch] }, current.ETag);
                await store.WriteAsync(head.State.CurrentSegment, next);
                current = next;
                window.Add(batch);
                pending.RemoveRange(0, batch.Count);
            }
        }
        catch
        {
            // What is held is what was stored (each write replaces it only on success), but a write that failed may
            // still have reached storage: a fresh activation reads the truth, and a retry skips what is already there.
            DeactivateOnIdle();
            throw;
        }
    }

    [ReadOnly]
    public async Task<Page<AuditEntry>> List(PageRequest page)
    {
        var data = new List<AuditEntry>(page.PageSize);
        foreach (var slice in segments.Page(head.State.CurrentSegment, CurrentEntries.Count, page))
        {
            var entries = slice.Segment == head.State.CurrentSegment ? CurrentEntries : (await store.ReadAsync(slice.Segment)).State!.Entries;
            data.AddRange(entries.Skip(slice.Start).Take(slice.Count).Reverse());
        }
        return new Page<AuditEntry>(data, page.Page, page.PageSize, segments.Total(head.State.CurrentSegment, CurrentEntries.Count));
    }

    /// <summary>
    /// The current segment is full: the head moves on first (with the full segment's ids, for retries), so no entry is
    /// ever written into a segment the head does not know; then segments past the retention are deleted.
    /// </summary>
    private async Task MoveToNextSegmentAsync()
    {
        var (segment, previousIds) = (head.State.CurrentSegment, head.State.PreviousSegmentIds);
        head.State.CurrentSegment = segment + 1;
        head.State.PreviousSegmentIds = CurrentEntries.Select(e => e.Id).ToList();
        try
        {
            await head.WriteStateAsync();
        }
        catch
        {
            (head.State.CurrentSegment, head.State.PreviousSegmentIds) = (segment, previousIds);
            throw;
        }
        current = new GrainState<AuditSegmentState>(new AuditSegmentState());
        window = new AuditDedupWindow(head.State.PreviousSegmentIds, []);
        await DeleteExpiredSegmentsAsync();
    }

    /// <summary>
    /// Deletes the segments between the last known deleted one and the first retained one. The progress is stored with
    /// the next head write; a deletion that failed is simply tried again at the next segment change.
    /// </summary>
    private async Task DeleteExpiredSegmentsAsync()
    {
        var firstRetained = segments.FirstRetained(head.State.CurrentSegment);
        for (var segment = head.State.PrunedBelow; segment < firstRetained; segment++)
        {
            await store.DeleteAsync(segment);
            head.State.PrunedBelow = segment + 1;
        }
    }

    /// <summary>
    /// A log stored before segments: its entries, capped, in the order the old listing showed them (timestamp, then
    /// arrival), become segments 0, 1, …; the newest beyond the retention are kept. The head is written last, so a
    /// migration interrupted anywhere simply runs again.
    /// </summary>
    private async Task MigrateLegacyEntriesAsync()
    {
        var legacy = head.State.Entries;
        var ordered = legacy.Select((entry, arrival) => (entry, arrival))
            .OrderBy(e => e.entry.Timestamp).ThenBy(e => e.arrival)
            .Select(e => AuditEntryCap.Apply(e.entry))
            .TakeLast(limits.MaxEntries)
            .Chunk(limits.SegmentSize)
            .ToList();
        for (var segment = 0; segment < ordered.Count; segment++)
        {
            var stored = await store.ReadAsync(segment);
            stored.State = new AuditSegmentState { Entries = [.. ordered[segment]] };
            await store.WriteAsync(segment, stored);
        }
        var last = ordered.Count - 1;
        head.State.Entries = [];
        head.State.CurrentSegment = last;
        head.State.PreviousSegmentIds = last > 0 ? ordered[last - 1].Select(e => e.Id).ToList() : [];
        try
        {
            await head.WriteStateAsync();
        }
        catch
        {
            (head.State.Entries, head.State.CurrentSegment, head.State.PreviousSegmentIds) = (legacy, 0, []);
            throw;
        }
    }
}
