using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Synap.Grains.Access;
using Synap.Grains.Common;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Storage;

namespace Synap.Grains.Listening;

/// <summary>
/// The listen side of one instance: the single lease across the cluster and both transports, the bundle order, and
/// delivery to the node that holds the stream. A grain of its own rather than part of the instance grain, whose key
/// checks must not queue behind heartbeats and deliveries.
/// </summary>
/// <remarks>
/// The lease is written to storage only when a stream opens or ends; renewals stay in memory (10 000 idle streams must
/// not cost a write each per renewal). A new activation (the grain's silo died) restores a stored lease as renewed at
/// that moment: a live holder's next renewal confirms it and no second listener is admitted in between, while a dead
/// holder's lease lapses one <see cref="ListenLeaseOptions.Duration"/> later.
/// Bundles are delivered inside the publish call, which answers only once the holder's node has queued the bundle;
/// the grain handles one call at a time, so delivery order is publish order.
/// </remarks>
public sealed partial class InstanceListenerGrain(
    [PersistentState("instance-listener", SynapStorage.Name)] IPersistentState<ListenerState> state,
    IOptions<ListenLeaseOptions> options,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<InstanceListenerGrain> logger) : Grain, IInstanceListenerGrain, IInstanceStandingObserver, IListenerControl
{
    private readonly ListenLeaseOptions timing = options.Value;
    private readonly Dictionary<string, long> telemetry = [];
    private InstanceStanding? standing;
    private HeldLease? held;
    private BundleSequence sequence = null!;

    private string InstanceId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        standing = await GrainFactory.GetGrain<IInstanceMembership>(InstanceId).GetStanding();
        held = HeldLease.Restore(state.State, time.GetUtcNow(), timing.Duration);
        sequence = new BundleSequence(state.State.SequenceCeiling);
    }

    public async Task<Outcome<ListenLease>> Open(ListenTransport transport, IListenObserver observer, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.Agent) is { } denied)
            return denied;
        if (await CurrentAsync() is { } current)
            return ListenFailures.AlreadyActive(current.Lease);
        var now = time.GetUtcNow();
        var lease = new ListenLease(ids.NewId("lsn_", 16), transport, now, now, now + timing.Duration, actor.CredentialId);
        await StoreAsync(new HeldLease(lease, observer));
        LogOpened(logger, InstanceId, lease.ListenerId, transport);
        return lease;
    }

    public async Task<bool> Renew(string listenerId)
    {
        if (await CurrentAsync() is not { } current || current.ListenerId != listenerId)
            return false;
        if (StandingEndReason() is { } reason)
        {
            await EndAsync(reason);
            return false;
        }
        held = current.RenewedAt(time.GetUtcNow(), timing.Duration);
        return true;
    }

    public async Task Release(string listenerId)
    {
        if (held?.ListenerId != listenerId)
            return;
        await StoreAsync(null);
        LogEnded(logger, InstanceId, listenerId, "released");
    }

    public async Task<Outcome<ListenLease>> Stop(Actor actor)
    {
        if (InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.Agent) is { } denied)
            return denied;
        if (await CurrentAsync() is not { } current)
            return ListenFailures.NotActive(InstanceId);
        await EndAsync(ListenCloseReasons.ListenerStopped);
        return current.Lease;
    }

    public async Task<Outcome<BundleReceipt>> PublishBundle(ContextBundle bundle, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.PublishBundle) is { } denied)
            return denied;
        if (ContextBundleRules.Check(bundle) is { } invalid)
            return invalid;
        if (await CurrentAsync() is not { } current)
            return ListenFailures.NotActive(InstanceId);
        if (sequence.CeilingNeeded is { } ceiling)
        {
            state.State.SequenceCeiling = ceiling;
            await state.WriteStateAsync();
            sequence.Stored(ceiling);
        }

        var bundleId = bundle.BundleId ?? ids.NewId("bnd_", 16);
        var delivered = new DeliveredBundle(sequence.Take(), bundle with { BundleId = bundleId }, time.GetUtcNow(), CorrelationId);
        try
        {
            await current.Observer.OnBundle(delivered).WaitAsync(timing.DeliveryTimeout);
        }
        catch (Exception e)
        {
            // The holder's node is gone or stuck: the stream is dead, so the lease is free for the agent's reconnect.
            LogDeliveryFailed(logger, e, InstanceId, current.ListenerId);
            await StoreAsync(null);
            return ListenFailures.NotActive(InstanceId);
        }
        return new BundleReceipt(bundleId, delivered.Sequence, current.ListenerId);
    }

    public async Task KeysRevoked(IReadOnlyList<string> credentialIds)
    {
        ArgumentNullException.ThrowIfNull(credentialIds);
        if (held?.Lease.CredentialId is { } credential && credentialIds.Contains(credential))
            await EndAsync(ListenCloseReasons.KeyRevoked);
    }

    public Task OnStandingChanged(InstanceStanding changed)
    {
        standing = changed;
        // This call interleaves with a delivery in progress, so the lease is ended in a turn of its own.
        if (held is not null && StandingEndReason() is not null)
            this.AsReference<IListenerControl>().EnforceStanding().Ignore();
        return Task.CompletedTask;
    }

    public async Task EnforceStanding()
    {
        if (held is not null && StandingEndReason() is { } reason)
            await EndAsync(reason);
    }

    /// <summary>The lease if a live holder has it; a lapsed one is cleared (its holder stopped renewing: taken for dead).</summary>
    private async Task<HeldLease?> CurrentAsync()
    {
        if (held is null || held.IsLiveAt(time.GetUtcNow()))
            return held;
        LogEnded(logger, InstanceId, held.ListenerId, "lapsed");
        await StoreAsync(null);
        return null;
    }

    /// <summary>
    /// Frees the lease, then tells the holder's connection to close, without waiting for it: a dead node cannot be told,
    /// and waiting on it would hold back the agent's own reconnect (its takeover or open queues behind this call).
    /// </summary>
    private async Task EndAsync(string reason)
    {
        if (held is not { } ending)
            return;
        await StoreAsync(null);
        LogEnded(logger, InstanceId, ending.ListenerId, reason);
        TellClosingAsync(ending, reason).Ignore();
    }

    private async Task TellClosingAsync(HeldLease ending, string reason)
    {
        try
        {
            await ending.Observer.OnSignal(ListenSignal.Of(ListenSignal.Closing, reason)).WaitAsync(timing.DeliveryTimeout);
        }
        catch (Exception e)
        {
            LogDeliveryFailed(logger, e, InstanceId, ending.ListenerId);
        }
    }

    /// <summary>Stores who holds the lease (null: nobody); what is held in memory changes only once stored.</summary>
    private async Task StoreAsync(HeldLease? lease)
    {
        var before = (state.State.ListenerId, state.State.Transport, state.State.Since, state.State.CredentialId, state.State.Observer);
        (state.State.ListenerId, state.State.Transport, state.State.Since, state.State.CredentialId, state.State.Observer) = lease is null
            ? (null, default, default, null, null)
            : (lease.ListenerId, lease.Lease.Transport, lease.Lease.Since, lease.Lease.CredentialId, lease.Observer);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.ListenerId, state.State.Transport, state.State.Since, state.State.CredentialId, state.State.Observer) = before;
            throw;
        }
        held = lease;
    }

    /// <summary>Why the standing held now ends a stream: the client or the instance is no longer active.</summary>
    private string? StandingEndReason() => standing switch
    {
        null => ListenCloseReasons.InstanceNotActive,
        { ClientStatus: not Interfaces.Clients.ClientStatus.Active } => ListenCloseReasons.ClientInactive,
        { Status: not InstanceStatus.Active } => ListenCloseReasons.InstanceNotActive,
        _ => null,
    };

    private static string? CorrelationId => RequestContext.Get(RequestContextKeys.CorrelationId) as string;
}
