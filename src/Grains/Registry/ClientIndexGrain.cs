using Microsoft.Extensions.Configuration;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Storage;

namespace Synap.Grains.Registry;

/// <summary>
/// The index of all clients for the admin listing, cut into segments of at most <see cref="SegmentSize"/> entries
/// in listing order (segment n+1 holds only entries after those of segment n). Appends go to the last segment and
/// open a new one when it is full; an update goes to the segment whose range holds the client. The head keeps each
/// segment's counts per status in memory, so a filtered page finds its segments without reading the others.
/// </summary>
public sealed class ClientIndexGrain(
    [PersistentState("client-index", SynapStorage.Name)] IPersistentState<ClientIndexState> state,
    IConfiguration configuration) : Grain, IClientIndexGrain
{
    public const int DefaultSegmentSize = 1000;

    /// <summary>Configuration key of the segment size; tests set it small to page across segments.</summary>
    public const string SegmentSizeKey = "Synap:ClientIndex:SegmentSize";

    private readonly List<SegmentSummary> segments = [];

    private int SegmentSize => configuration.GetValue(SegmentSizeKey, DefaultSegmentSize);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var summaries = await Task.WhenAll(Enumerable.Range(0, state.State.SegmentCount).Select(n => Segment(n).Summary()));
        segments.AddRange(summaries);
    }

    public async Task<ClientIndexEntry?> Upsert(ClientIndexEntry entry)
    {
        var number = Route(entry);
        if (number == segments.Count)
            await OpenSegmentAsync();
        var upserted = await CallSegmentAsync(() => Segment(number).Upsert(entry));
        segments[number] = upserted.Summary;
        return upserted.Previous;
    }

    public async Task Import(IReadOnlyList<ClientIndexEntry> entries)
    {
        var ordered = entries.Order(Comparer<ClientIndexEntry>.Create(ClientIndexEntry.CompareOrder)).ToList();
        var chunks = ordered.Chunk(SegmentSize).ToList();
        while (segments.Count < chunks.Count)
            await OpenSegmentAsync();
        for (var number = 0; number < chunks.Count; number++)
        {
            var chunk = chunks[number];
            segments[number] = await CallSegmentAsync(() => Segment(number).Replace(chunk));
        }
    }

    public async Task<ClientIndexPage> ReadPage(ClientStatus? status, PageRequest page)
    {
        var total = segments.Sum(s => s.CountOf(status));
        var skip = (long)(page.Page - 1) * page.PageSize;
        var wanted = page.PageSize;
        var reads = new List<Task<IReadOnlyList<ClientIndexEntry>>>();
        for (var number = 0; number < segments.Count && wanted > 0 && skip < total; number++)
        {
            var count = segments[number].CountOf(status);
            if (skip >= count)
            {
                skip -= count;
                continue;
            }
            var take = (int)Math.Min(wanted, count - skip);
            reads.Add(Segment(number).Read(status, (int)skip, take));
            wanted -= take;
            skip = 0;
        }
        var slices = await CallSegmentAsync(() => Task.WhenAll(reads));
        return new ClientIndexPage(slices.SelectMany(s => s).ToList(), total);
    }

    /// <summary>
    /// The last segment whose first entry is not after <paramref name="entry"/>; past its end when that segment is
    /// full and the entry comes after all of it (a new client), which may mean a segment not yet opened.
    /// </summary>
    private int Route(ClientIndexEntry entry)
    {
        if (segments.Count == 0)
            return 0;
        var number = 0;
        for (var i = 0; i < segments.Count; i++)
            if (segments[i].First is { } first && ClientIndexEntry.CompareOrder(first, entry) <= 0)
                number = i;
        var target = segments[number];
        var isAfterAll = target.Last is null || ClientIndexEntry.CompareOrder(entry, target.Last) > 0;
        return target.Count >= SegmentSize && isAfterAll ? number + 1 : number;
    }

    private async Task OpenSegmentAsync()
    {
        state.State.SegmentCount = segments.Count + 1;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.SegmentCount = segments.Count;
            throw;
        }
        segments.Add(SegmentSummary.Empty);
    }

    /// <summary>
    /// A segment call that failed may or may not have written, so the counts in memory can no longer be trusted:
    /// the head deactivates and reads every segment's summary again on its next call.
    /// </summary>
    private async Task<T> CallSegmentAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private IClientIndexSegmentGrain Segment(int number) =>
        GrainFactory.GetGrain<IClientIndexSegmentGrain>($"{this.GetPrimaryKeyString()}/{number}");
}
