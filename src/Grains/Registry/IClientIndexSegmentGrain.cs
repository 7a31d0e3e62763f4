using Orleans.Concurrency;
using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Registry;

/// <summary>
/// One fixed-size slice of the client index (key: <c>{index}/{number}</c>), a contiguous range of the listing
/// order. Only its index head calls it, so its writes are serialised by the head.
/// </summary>
[Alias("synap.client-index-segment")]
public interface IClientIndexSegmentGrain : IGrainWithStringKey
{
    /// <summary>Adds the entry in listing order, or replaces the entry of the same client; no write when unchanged.</summary>
    [Alias("upsert")]
    Task<SegmentUpsert> Upsert(ClientIndexEntry entry);

    /// <summary>Replaces every entry (a one-time import of the former registry state).</summary>
    [Alias("replace")]
    Task<SegmentSummary> Replace(IReadOnlyList<ClientIndexEntry> entries);

    [ReadOnly, Alias("summary")]
    Task<SegmentSummary> Summary();

    /// <summary>The entries with <paramref name="status"/> (all when null) in listing order, after skipping <paramref name="skip"/>.</summary>
    [ReadOnly, Alias("read")]
    Task<IReadOnlyList<ClientIndexEntry>> Read(ClientStatus? status, int skip, int take);
}
