using Orleans.Concurrency;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Instances;

/// <summary>The instance grain's side of its coordination with its client (see <see cref="Clients.IClientMembership"/>).</summary>
[Alias("synap.instance-membership")]
public interface IInstanceMembership : IGrainWithStringKey
{
    [Alias("initialize")]
    Task<Outcome<InstanceDetail>> Initialize(InstanceSeed seed);

    /// <summary>
    /// The client's status or tier changed; held in memory only, re-read from the client on activation and every
    /// <see cref="ClientStandingOptions.RefreshPeriod"/>. A standing older than the one held (by version) is ignored.
    /// </summary>
    [AlwaysInterleave, Alias("client-standing-changed")]
    Task OnClientStandingChanged(ClientStanding standing);

    /// <summary>The instance's standing for the grains keyed by its id (null: no such instance); see <see cref="IInstanceStandingObserver"/>.</summary>
    [AlwaysInterleave, Alias("get-standing")]
    Task<InstanceStanding?> GetStanding();

    /// <summary>
    /// The memory store's count of completed, undeleted memories after a change (<c>memories_count</c>); held in memory.
    /// Interleaved, so the store never waits behind the instance's own commands.
    /// </summary>
    [AlwaysInterleave, Alias("memories-count-changed")]
    Task OnMemoriesCountChanged(long count);

    /// <summary>
    /// The config history's view of the instance's <c>config_status</c>, told after the history's own write. Ordinary
    /// (not interleaved): it writes the instance. It cannot deadlock, because the instance only ever calls the history
    /// through always-interleaved methods. Ignored while the instance's own init has not stored (<c>pending</c>).
    /// </summary>
    [Alias("config-status-changed")]
    Task OnConfigStatusChanged(ConfigStatus status);

    /// <summary>The versions kept in the instance's own state before the config history existed, for its one-time migration.</summary>
    [AlwaysInterleave, Alias("get-legacy-config-versions")]
    Task<IReadOnlyList<ConfigVersion>> GetLegacyConfigVersions();
}
