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
    /// <summary>Appends entries in one write; an entry whose id is already in the log is skipped, so a retried call is harmless.</summary>
    [Alias("append")]
    Task Append(IReadOnlyList<AuditEntry> entries);

    [Alias("list")]
    Task<Page<AuditEntry>> List(PageRequest page);
}
