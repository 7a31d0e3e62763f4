using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Instances;

/// <summary>The instance's standing, told to the grains keyed by its id after each change (<see cref="IInstanceStandingObserver"/>).</summary>
public sealed partial class InstanceGrain
{
    // What the observers were last told by this activation; a new activation tells them once more on its first change.
    private InstanceStanding? toldStanding;

    public Task<InstanceStanding?> GetStanding() => Task.FromResult(Standing());

    private InstanceStanding? Standing() => state.State.Detail is { } detail
        ? new InstanceStanding(InstanceId, detail.ClientId, detail.Status, clientStanding.Status)
        : null;

    /// <summary>
    /// Called only after the instance's own write (or a change of its client's standing): observers never hear of a
    /// change that was not stored. A failed notification is logged; each observer re-reads the standing on activation.
    /// </summary>
    private async Task PublishStandingAsync()
    {
        if (Standing() is not { } standing || standing == toldStanding)
            return;
        toldStanding = standing;
        await InstanceStandingNotifier.NotifyAsync(GrainFactory, standing, logger);
    }

    /// <summary>What is stored when the activation starts was told by the activation that stored it (or is read by observers as they activate).</summary>
    private void BaselineStanding() => toldStanding = Standing();
}
