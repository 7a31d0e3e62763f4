using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Clients;

/// <summary>
/// How a client's changes reach the other grains: the registry reserves a new name before the client writes and gets
/// the old view back if that write fails; instances and the registry's counts hear of a change only after the write.
/// </summary>
public sealed partial class ClientGrain
{
    // Set when the registry missed a view it should hold; the next tick of the keeping timer publishes it again.
    private bool registryBehind;

    /// <param name="pushStanding">Push the standing to the instances even if it did not change: a retried PATCH reaches those a lost push missed.</param>
    private async Task<Outcome<ClientView>> SaveAsync(ClientView updated, bool pushStanding)
    {
        var current = state.State.View!;
        if (updated == current)
        {
            if (pushStanding)
                await PushStandingAsync();
            return current;
        }
        Outcome<ClientView> saved;
        try
        {
            var reserved = await Registry.PublishClient(updated);
            if (reserved.Error is { } conflict)
                return conflict;
            saved = await Commit.RunAsync(() =>
            {
                if (!ClientStanding.Of(updated).SameAs(ClientStanding.Of(current)))
                    state.State.StandingVersion++;
                state.State.View = updated;
                return new Outcome<ClientView>(updated, null);
            });
        }
        catch
        {
            await PublishToRegistryAsync(current);
            throw;
        }
        if (pushStanding || !ClientStanding.Of(updated).SameAs(ClientStanding.Of(current)))
            await PushStandingAsync();
        return saved;
    }

    /// <summary>
    /// Records an instance's listing and the client's instance count in one write (with the request that created it,
    /// if any: <see cref="ClientState.CreatedByRequest"/>). The registry is not told: its index entry holds no count
    /// (<see cref="Synap.Grains.Registry.ClientIndexEntry"/>), and publishing there on every create sent four calls
    /// through the cluster-wide registry and index grains that changed nothing.
    /// </summary>
    private Task<Outcome<InstanceListing>> ListAsync(InstanceListing listing, string? createdByRequest = null) =>
        Commit.RunAsync(() =>
        {
            state.State.Instances[listing.Summary.Id] = listing;
            listingOrder.Invalidate();
            if (createdByRequest is not null)
                RememberCreation(createdByRequest, listing.Summary.Id);
            var count = state.State.Instances.Values.Count(i => !i.IsArchived);
            state.State.View = state.State.View! with { InstancesCount = count };
            return new Outcome<InstanceListing>(listing, null);
        });

    /// <summary>
    /// Gives the registry a view this client already holds (the old view back after a failed write, or one it missed). It
    /// reserves nothing new, so a failure is not the caller's: the keeping timer publishes again until it lands.
    /// </summary>
    private async Task PublishToRegistryAsync(ClientView view)
    {
        try
        {
            await Registry.PublishClient(view);
            registryBehind = false;
        }
        catch (Exception e)
        {
            registryBehind = true;
            LogRegistryBehind(e, ClientId);
        }
    }

    /// <summary>
    /// Tells every live instance the client's standing. A push that fails is not retried here: the instance re-reads
    /// the standing within <see cref="ClientStandingOptions.RefreshPeriod"/>, and a retried PATCH pushes again.
    /// </summary>
    private Task PushStandingAsync()
    {
        var standing = ClientStanding.Of(state.State.View!, state.State.StandingVersion);
        return Task.WhenAll(state.State.Instances.Values.Where(i => !i.IsArchived).Select(async listing =>
        {
            try
            {
                await GrainFactory.GetGrain<IInstanceMembership>(listing.Summary.Id).OnClientStandingChanged(standing);
            }
            catch (Exception e)
            {
                LogStandingNotPushed(e, ClientId, listing.Summary.Id, standing.Version);
            }
        }));
    }
}
