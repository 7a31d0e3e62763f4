using Synap.Grains.Interfaces.Audit;

namespace Synap.Grains.Audit;

/// <summary>
/// The entry ids an append is checked against so that a retried call adds nothing: the current segment and the one
/// before it, i.e. at least the log's newest <c>SegmentSize</c> entries. A retry arrives within moments of its first
/// attempt, long before a hundred newer entries could push it out of the window.
/// </summary>
public sealed class AuditDedupWindow(IEnumerable<string> previousSegmentIds, IEnumerable<AuditEntry> currentSegment)
{
    private readonly HashSet<string> ids = [.. previousSegmentIds, .. currentSegment.Select(e => e.Id)];

    /// <summary>The entries not yet in the log, each id once, in the order given.</summary>
    public IEnumerable<AuditEntry> Unseen(IEnumerable<AuditEntry> incoming)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return incoming.Where(e => !ids.Contains(e.Id) && seen.Add(e.Id)).ToList();
    }

    public void Add(IEnumerable<AuditEntry> stored) => ids.UnionWith(stored.Select(e => e.Id));
}
