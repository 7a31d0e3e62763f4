using Orleans.Concurrency;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// The listen side of one instance (key: <c>inst_…</c>, API.md §10): the single listen lease across the cluster and
/// both transports, the order of published bundles and their delivery to the listener wherever its connection lives,
/// and the instance's recorded conversation events. Every operation needs an active instance of an active client.
/// </summary>
[Alias("synap.instance-listener")]
public interface IInstanceListenerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the lease for a new stream whose connection is <paramref name="observer"/>. While another listener holds it:
    /// <c>LISTENING_ALREADY_ACTIVE</c> with <c>listener_id</c>, <c>since</c>, <c>last_heartbeat_at</c>, <c>transport</c>,
    /// <c>lease_expires_at</c>.
    /// </summary>
    [Alias("open")]
    Task<Outcome<ListenLease>> Open(ListenTransport transport, IListenObserver observer, Actor actor);

    /// <summary>The holder renews its lease while the stream lives; <c>false</c> when it is no longer this listener's (the stream must end).</summary>
    [Alias("renew")]
    Task<bool> Renew(string listenerId);

    /// <summary>The holder's stream ended: the lease is free at once. Unknown or stale ids are ignored.</summary>
    [Alias("release")]
    Task Release(string listenerId);

    /// <summary><c>DELETE /v1/instances/{id}/listen</c>: ends the active stream with a <c>closing</c> signal; <c>LISTENING_NOT_ACTIVE</c> when none.</summary>
    [Alias("stop")]
    Task<Outcome<ListenLease>> Stop(Actor actor);

    /// <summary>Sequences a bundle and delivers it to the active listener in publish order; <c>LISTENING_NOT_ACTIVE</c> when none.</summary>
    [Alias("publish-bundle")]
    Task<Outcome<BundleReceipt>> PublishBundle(ContextBundle bundle, Actor actor);

    /// <summary>
    /// Records a conversation event in arrival order and publishes it on <see cref="InstanceEventStream"/>. From a stream,
    /// <paramref name="listenerId"/> is that stream's (it must hold the lease); from REST it is null and an active
    /// listener must exist (<c>LISTENING_NOT_ACTIVE</c>).
    /// </summary>
    [Alias("record-event")]
    Task<Outcome<EventReceipt>> RecordEvent(ConversationEvent conversationEvent, string? listenerId, Actor actor);

    /// <summary>Recorded events, oldest first, optionally of one conversation.</summary>
    [ReadOnly, Alias("list-events")]
    Task<Outcome<Page<RecordedEvent>>> ListEvents(PageRequest page, string? conversationId, Actor actor);

    /// <summary>Counts a <c>context_used</c> or <c>context_assembled</c> telemetry message of the listener's stream.</summary>
    [Alias("count-telemetry")]
    Task CountTelemetry(string listenerId, string kind);
}
