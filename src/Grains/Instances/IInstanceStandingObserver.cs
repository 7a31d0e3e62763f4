using Orleans.Concurrency;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Instances;

/// <summary>
/// A grain keyed by an instance id that decides access with <see cref="Access.InstanceAccess"/>: it reads the standing
/// from <see cref="IInstanceMembership.GetStanding"/> when it activates and is told of each change by the instance,
/// after the instance's own write (see <see cref="InstanceStandingNotifier"/>).
/// </summary>
[Alias("synap.instance-standing-observer")]
public interface IInstanceStandingObserver : IGrainWithStringKey
{
    [AlwaysInterleave, Alias("on-standing-changed")]
    Task OnStandingChanged(InstanceStanding standing);
}
