using Orleans.Concurrency;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Memories;

/// <summary>
/// The memories of one instance, keyed by the instance id (API.md §11). Only the instance's own key (or the admin,
/// a trusted caller) may use it, on an active instance; another instance's memory is a <c>404 NOT_FOUND</c> exactly
/// like a missing one. Rows live in the platform's own table, not in a grain state, so an instance may hold 100 000.
/// </summary>
[Alias("synap.memory-store")]
public interface IMemoryStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the memory as <c>pending</c> (durably, before answering) and ingests it in the background. Interleaved:
    /// acknowledgements arriving together are written in one transaction (a group commit).
    /// </summary>
    [AlwaysInterleave, Alias("add")]
    Task<Outcome<MemoryReceipt>> Add(AddMemoryCommand command, Actor actor);

    [Alias("get")]
    Task<Outcome<Memory>> Get(string memoryId, Actor actor);

    /// <summary>Ordered by <c>created_at</c>, then id.</summary>
    [Alias("list")]
    Task<Outcome<Page<Memory>>> List(ListMemoriesQuery query, Actor actor);

    /// <summary>Removes the memory for good; its id is never reused.</summary>
    [Alias("delete")]
    Task<Outcome<string>> Delete(string memoryId, Actor actor);

    /// <summary>Completed, undeleted memories: the instance's <c>memories_count</c>.</summary>
    [Alias("count")]
    Task<Outcome<long>> Count(Actor actor);

    /// <summary>Removes every memory of the instance (the instance's reset); answers how many were removed. Admin or a key of its client.</summary>
    [Alias("clear")]
    Task<Outcome<long>> Clear(Actor actor);
}
