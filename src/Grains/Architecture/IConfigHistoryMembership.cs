using Orleans.Concurrency;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Architecture;

namespace Synap.Grains.Architecture;

/// <summary>
/// The config history's side of its coordination with the instance grain. The instance calls the history only here
/// (and in the always-interleaved reads of <see cref="IConfigHistoryGrain"/>); the history calls the instance's ordinary
/// <see cref="IInstanceMembership.OnConfigStatusChanged"/> after its own writes. Since every call the instance makes
/// to the history interleaves, the instance never waits behind a history command that waits for it: no call cycle.
/// </summary>
[Alias("synap.config-history-membership")]
public interface IConfigHistoryMembership : IInstanceStandingObserver
{
    /// <summary>
    /// Stores version 1 as active and returns it. Called by the instance's init while its own <c>config_status</c> is
    /// still <c>pending</c>: a version 1 left by an init whose instance write failed is replaced, so a retry converges.
    /// </summary>
    [AlwaysInterleave, Alias("initialize")]
    Task<ConfigVersion> Initialize(string config, string createdBy);
}
