using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Registry;

/// <summary>
/// The head of the paged client index (key: the registry's key). It serialises every index write, routes each
/// to one segment, and answers a page by reading only the segments that page covers.
/// </summary>
[Alias("synap.client-index")]
public interface IClientIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates the client's entry; returns the entry it replaced (null when the client was not indexed).</summary>
    [Alias("upsert")]
    Task<ClientIndexEntry?> Upsert(ClientIndexEntry entry);

    /// <summary>Fills the index from the former registry state (idempotent: the same entries give the same segments).</summary>
    [Alias("import")]
    Task Import(IReadOnlyList<ClientIndexEntry> entries);

    [Alias("read-page")]
    Task<ClientIndexPage> ReadPage(ClientStatus? status, PageRequest page);
}
