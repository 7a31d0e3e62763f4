using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Audit;

/// <summary>The rules of one audit log over its stored entries: append-only, idempotent by entry id, listed newest first.</summary>
public sealed class AuditTimeline(List<AuditEntry> entries)
{
    /// <summary>Adds the entries not already present; returns whether anything was added (and so needs writing).</summary>
    public bool Append(IEnumerable<AuditEntry> incoming)
    {
        var known = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var added = false;
        foreach (var entry in incoming)
        {
            if (known.Add(entry.Id))
            {
                entries.Add(entry);
                added = true;
            }
        }
        return added;
    }

    /// <summary>
    /// Newest first by timestamp. Entries of one log may come from grains on different silos, so equal timestamps
    /// are broken by arrival: the later-appended entry first, which keeps the order stable between reads.
    /// </summary>
    public Page<AuditEntry> Newest(PageRequest page)
    {
        var ordered = entries
            .Select((entry, arrival) => (entry, arrival))
            .OrderByDescending(e => e.entry.Timestamp).ThenByDescending(e => e.arrival)
            .Select(e => e.entry)
            .ToList();
        return Page<AuditEntry>.Slice(ordered, page);
    }
}
