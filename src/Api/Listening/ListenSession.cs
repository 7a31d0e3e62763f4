using System.Threading.Channels;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Listening;

/// <summary>
/// One listen stream as held by this API node, whatever its transport: it holds the instance's lease, receives the
/// grain's bundles and signals as an <see cref="IListenObserver"/> and queues them on <see cref="Outbound"/> for the
/// connection, renews the lease on a timer, and gives the lease back the moment the connection goes away.
/// </summary>
public sealed class ListenSession : IAsyncDisposable, IListenObserver
{
    private readonly IGrainFactory grains;
    private readonly ListenSessions sessions;
    // Not SingleReader: only the multi-reader channel can count its queue (the slow-consumer bound).
    private readonly Channel<ListenMessage> outbound = Channel.CreateUnbounded<ListenMessage>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly CancellationTokenSource renewing = new();
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IListenObserver? reference;
    private Task renewLoop = Task.CompletedTask;
    private Task releasing = Task.CompletedTask;
    private int ending;

    private ListenSession(IGrainFactory grains, ListenSessions sessions, string instanceId, Actor actor)
    {
        this.grains = grains;
        this.sessions = sessions;
        InstanceId = instanceId;
        Actor = actor;
    }

    public string InstanceId { get; }

    public ListenLease Lease { get; private set; } = null!;

    public Actor Actor { get; }

    /// <summary>Bundles and signals in order; completes after a stream-ending signal (closing/error) or lease loss.</summary>
    public ChannelReader<ListenMessage> Outbound => outbound.Reader;

    /// <summary>Completes when the session has ended, for whatever reason, and its lease is given back if it was still ours.</summary>
    public Task Ended => ended.Task;

    /// <summary>Completes when the transport has disposed the session (it has sent its last frame).</summary>
    internal Task Closed => closed.Task;

    private IInstanceListenerGrain Listener => grains.GetGrain<IInstanceListenerGrain>(InstanceId);

    /// <summary>
    /// Takes the lease (a failure is the grain's: <c>LISTENING_ALREADY_ACTIVE</c> with the holder's details, 404, 403)
    /// and registers the session with <paramref name="sessions"/> so a graceful shutdown ends it.
    /// </summary>
    public static async Task<Outcome<ListenSession>> OpenAsync(IGrainFactory grains, ListenSessions sessions,
        string instanceId, ListenTransport transport, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(sessions);
        var session = new ListenSession(grains, sessions, instanceId, actor);
        // The runtime holds observer objects weakly: this field keeps the reference (and so the object) alive.
        session.reference = grains.CreateObjectReference<IListenObserver>(session);
        Outcome<ListenLease> opened;
        try
        {
            opened = await session.Listener.Open(transport, session.reference, actor);
        }
        catch
        {
            session.DeleteReference();
            throw;
        }

        if (opened.Error is { } error)
        {
            session.DeleteReference();
            return error;
        }

        session.Lease = opened.Value!;
        if (cancellationToken.IsCancellationRequested)
        {
            // The connection went away while the lease was being taken: give it straight back.
            await session.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        sessions.Add(session);
        session.renewLoop = session.RenewAsync();
        return session;
    }

    /// <summary>Ends the session from the connection side (the client disconnected): the lease is released at once.</summary>
    public async ValueTask DisposeAsync()
    {
        End(signal: null, releaseLease: true);
        try
        {
            // Ended, not the release task: when another End (a graceful stop) is still between completing the outbound
            // queue and starting its release, this call's End is a no-op and the release is not started yet. Closing
            // then would let the stopping host shut the Orleans client down under the release, and the lease would
            // stay held until it lapses (seen as a rare failure of the graceful-stop test under load).
            await ended.Task;
            await renewLoop;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            closed.TrySetResult();
        }
    }

    /// <summary>
    /// Ends the session with an optional last signal for the connection. With <paramref name="releaseLease"/> the grain
    /// is told (the lease is still ours); without, the grain already ended it. Only the first call has an effect.
    /// </summary>
    internal void End(ListenSignal? signal, bool releaseLease)
    {
        if (Interlocked.Exchange(ref ending, 1) == 1)
            return;
        if (signal is not null)
            outbound.Writer.TryWrite(ListenMessage.Of(signal));
        outbound.Writer.TryComplete();
        renewing.Cancel();
        sessions.Remove(this);
        if (releaseLease && Lease is not null)
            releasing = ReleaseAsync();
        else
            DeleteReference();
        releasing.ContinueWith(_ => ended.TrySetResult(), TaskScheduler.Default);
    }

    Task IListenObserver.OnBundle(DeliveredBundle bundle)
    {
        // Refused, not swallowed: the stream's last frames are written, so a bundle taken now would be acknowledged to its
        // publisher (202) and never sent. Refused, the publisher hears 409 LISTENING_NOT_ACTIVE and retries once the
        // agent has reconnected (a graceful node stop is the usual case).
        if (Volatile.Read(ref ending) == 1)
            throw new InvalidOperationException("This listen stream is ending; the bundle was not taken");
        if (outbound.Reader.Count >= sessions.Options.MaxQueuedMessages)
        {
            End(ListenSignal.Of(ListenSignal.Error, ListenReasons.SlowConsumer), releaseLease: true);
            return Task.CompletedTask;
        }

        outbound.Writer.TryWrite(ListenMessage.Of(bundle));
        return Task.CompletedTask;
    }

    Task IListenObserver.OnSignal(ListenSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.EndsStream)
            End(signal, releaseLease: false);
        else if (Volatile.Read(ref ending) == 0)
            outbound.Writer.TryWrite(ListenMessage.Of(signal));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Renews every <c>RenewPeriod</c>. The grain answering false means the lease is gone (stopped, lapsed, taken):
    /// the stream ends with <c>LEASE_LOST</c>. Calls that fail (cluster unreachable) are retried on the next tick
    /// until the lease would have lapsed anyway.
    /// </summary>
    private async Task RenewAsync()
    {
        var lease = sessions.LeaseOptions;
        var clock = sessions.Clock;
        var lastRenewed = clock.GetUtcNow();
        using var timer = new PeriodicTimer(lease.RenewPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(renewing.Token))
            {
                bool held;
                try
                {
                    held = await Listener.Renew(Lease.ListenerId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    sessions.RenewFailed(this, e);
                    held = clock.GetUtcNow() < lastRenewed + lease.Duration;
                }

                if (!held)
                {
                    End(ListenSignal.Of(ListenSignal.Closing, ListenReasons.LeaseLost), releaseLease: false);
                    return;
                }

                lastRenewed = clock.GetUtcNow();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A release that does not land leaves the instance unable to listen until the lease lapses (25 s), so it is asked again.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            await ReleaseRetry.RunAsync(() => Listener.Release(Lease.ListenerId), e => sessions.ReleaseFailed(this, e));
        }
        finally
        {
            DeleteReference();
        }
    }

    private void DeleteReference()
    {
        if (reference is null)
            return;
        grains.DeleteObjectReference<IListenObserver>(reference);
        reference = null;
    }
}
