using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Storage;

namespace Synap.Grains.Registry;

/// <summary>
/// Holds at most a segment's worth of small <see cref="ClientIndexEntry"/> rows (see <see cref="ClientIndexGrain"/>),
/// so a write costs the same at the ten-thousandth client as at the first. A failed write leaves memory as stored.
/// </summary>
public sealed class ClientIndexSegmentGrain(
    [PersistentState("client-index-segment", SynapStorage.Name)] IPersistentState<ClientIndexSegmentState> state)
    : Grain, IClientIndexSegmentGrain
{
    private List<ClientIndexEntry> Entries => state.State.Entries;

    public async Task<SegmentUpsert> Upsert(ClientIndexEntry entry)
    {
        var at = Entries.FindIndex(e => e.ClientId == entry.ClientId);
        var previous = at >= 0 ? Entries[at] : null;
        if (previous == entry)
            return new SegmentUpsert(previous, SegmentSummary.Of(Entries));

        var before = Entries.ToList();
        if (previous is not null && previous.CreatedAt == entry.CreatedAt)
            Entries[at] = entry;
        else
        {
            if (previous is not null)
                Entries.RemoveAt(at);
            var position = Entries.BinarySearch(entry, Comparer<ClientIndexEntry>.Create(ClientIndexEntry.CompareOrder));
            Entries.Insert(position >= 0 ? position : ~position, entry);
        }
        await WriteOrRestoreAsync(before);
        return new SegmentUpsert(previous, SegmentSummary.Of(Entries));
    }

    public async Task<SegmentSummary> Replace(IReadOnlyList<ClientIndexEntry> entries)
    {
        var before = Entries.ToList();
        state.State.Entries = entries.Order(Comparer<ClientIndexEntry>.Create(ClientIndexEntry.CompareOrder)).ToList();
        await WriteOrRestoreAsync(before);
        return SegmentSummary.Of(Entries);
    }

    public Task<SegmentSummary> Summary() => Task.FromResult(SegmentSummary.Of(Entries));

    public Task<IReadOnlyList<ClientIndexEntry>> Read(ClientStatus? status, int skip, int take) =>
        Task.FromResult<IReadOnlyList<ClientIndexEntry>>(
            Entries.Where(e => status is null || e.Status == status).Skip(skip).Take(take).ToList());

    /// <summary>Memory never runs ahead of storage: a failed write puts the stored entries back and rethrows.</summary>
    private async Task WriteOrRestoreAsync(List<ClientIndexEntry> before)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries = before;
            throw;
        }
    }
}
