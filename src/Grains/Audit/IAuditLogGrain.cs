using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Audit;

/// <summary>
/// The audit log of one client or instance (key: its id). Internal to the silo: entries are appended only by the
/// grains that make the changes, and read only through the owner's authorized <c>GetAuditLog</c>.
/// </summary>
[Alias("synap.audit-log")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends entries in arrival order (one write, two when they cross a segment boundary); an entry whose id is among
    /// the log's newest (the current segment and the one before) is skipped, so a retried call is harmless.
    /// </summary>
    [Alias("append")]
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>One page, newest first, read from the one or two segments that hold it.</summary>
    [Alias("list")]
    Task<Page<AuditEntry>> List(PageRequest page);
}
