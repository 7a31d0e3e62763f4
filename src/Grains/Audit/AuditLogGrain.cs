using Orleans.Concurrency;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Storage;

namespace Synap.Grains.Audit;

/// <summary>
/// One audit log per client or instance. A grain of its own rather than a list in the owner's state, so the
/// owner's state (read on every key authentication) does not grow with its history.
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit-log", SynapStorage.Name)] IPersistentState<AuditLogState> state) : Grain, IAuditLogGrain
{
    private AuditTimeline Timeline => new(state.State.Entries);

    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        if (!Timeline.Append(entries))
            return;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The entries are in memory but not stored; a retry would find them and skip the write. A fresh
            // activation reads the stored log again, so the retry writes them.
            DeactivateOnIdle();
            throw;
        }
    }

    [ReadOnly]
    public Task<Page<AuditEntry>> List(PageRequest page) => Task.FromResult(Timeline.Newest(page));
}
