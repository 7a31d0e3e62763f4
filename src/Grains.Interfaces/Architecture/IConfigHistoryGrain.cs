using Orleans.Concurrency;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Architecture;

/// <summary>
/// The memory-architecture versions of one instance (key: <c>inst_…</c>; API.md §7): propose → approve by another
/// credential → apply. Version 1 is created by <c>IInstanceGrain.InitArchitecture</c>. Every method decides access
/// like the instance itself: the admin or a key of the instance's client; its own instance key gets 403, anyone else 404.
/// </summary>
[Alias("synap.config-history")]
public interface IConfigHistoryGrain : IGrainWithStringKey
{
    /// <summary>The active version; <c>404 NOT_FOUND</c> before init.</summary>
    [AlwaysInterleave, Alias("get-active")]
    Task<Outcome<ConfigVersion>> GetActive(Actor actor);

    /// <summary>Every version, oldest first (version ascending); empty before init.</summary>
    [AlwaysInterleave, Alias("list-versions")]
    Task<Outcome<Page<ConfigVersion>>> ListVersions(PageRequest page, Actor actor);

    /// <summary>A new version in <c>pending_approval</c>; the instance's <c>config_status</c> becomes <c>pending_approval</c>.</summary>
    [Alias("propose")]
    Task<Outcome<ConfigVersion>> Propose(ProposeConfigCommand command, Actor actor);

    /// <summary><c>pending_approval → approved</c>, by a credential other than the proposer's.</summary>
    [Alias("approve")]
    Task<Outcome<ConfigVersion>> Approve(int version, Actor actor);

    /// <summary><c>approved → active</c>; the previous active version becomes <c>superseded</c>.</summary>
    [Alias("apply")]
    Task<Outcome<ConfigVersion>> Apply(int version, Actor actor);

    /// <summary><c>pending_approval | approved → rejected</c>.</summary>
    [Alias("reject")]
    Task<Outcome<ConfigVersion>> Reject(int version, Actor actor);
}
