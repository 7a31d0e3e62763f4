using System.Threading.Channels;
using Grpc.Core;
using Synap.Api.Grpc.V1;
using Synap.Api.Listening;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Telemetry;

namespace Synap.Api.Grpc;

/// <summary>
/// One open listen stream on the gRPC transport, after its lease was taken: three loops around one response writer.
/// The read loop answers pings at once and hands events to the record loop, so a slow grain call never delays a pong;
/// the record loop charges the key's bucket and records events one at a time, which keeps their arrival order; the
/// delivery loop writes what the session receives (bundles in publish order, signals). The call ends when the client
/// goes (or half-closes) or when a signal ends the stream; the caller then disposes the session, releasing the lease.
/// </summary>
internal sealed partial class ListenCall(
    ListenSession session,
    GrpcCaller caller,
    IAsyncStreamReader<StreamEvent> requests,
    SerializedResponseWriter responses,
    IGrainFactory grains,
    SynapMetrics metrics,
    ILogger logger)
{
    /// <summary>Events waiting to be recorded; beyond this an agent is sending faster than they can be recorded and is throttled.</summary>
    internal const int InboundCapacity = 256;

    private Channel<StreamEvent>? inbound;
    private Task recording = Task.CompletedTask;

    public async Task RunAsync(CancellationToken callAborted)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
        var reading = ReadAsync(end.Token);
        var delivering = DeliverAsync(end.Token);
        if (await Task.WhenAny(reading, delivering) == reading && reading.IsCompletedSuccessfully)
        {
            // The client half-closed: what it sent before is still recorded.
            inbound?.Writer.TryComplete();
            await Quietly(recording);
        }
        await end.CancelAsync();
        await Quietly(reading);
        await Quietly(delivering);
        await Quietly(recording);
        await responses.CloseAsync();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            var message = requests.Current;
            switch (message.PayloadCase)
            {
                case StreamEvent.PayloadOneofCase.HeartbeatPing:
                    await responses.WriteAsync(ListenWireMapping.Pong(message.HeartbeatPing.TimestampMs), cancellationToken);
                    break;
                case StreamEvent.PayloadOneofCase.ConversationEvent:
                case StreamEvent.PayloadOneofCase.ContextUsed:
                case StreamEvent.PayloadOneofCase.ContextAssembled:
                    await EnqueueAsync(message, cancellationToken);
                    break;
                default:
                    // session_control has no server-side meaning yet; unknown payloads come from newer SDKs.
                    break;
            }
        }
    }

    private async Task EnqueueAsync(StreamEvent message, CancellationToken cancellationToken)
    {
        if (inbound is null)
        {
            // Started on the first event: an idle stream (the common case) costs no recording loop.
            inbound = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(InboundCapacity) { SingleReader = true, SingleWriter = true });
            recording = RecordAsync(inbound.Reader, cancellationToken);
        }
        if (!inbound.Writer.TryWrite(message))
            await responses.WriteAsync(ListenWireMapping.ToResponse(ListenSignals.Throttle("INBOUND_QUEUE_FULL",
                ("capacity", InboundCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)))), cancellationToken);
    }

    private async Task RecordAsync(ChannelReader<StreamEvent> events, CancellationToken cancellationToken)
    {
        var listener = grains.GetGrain<IInstanceListenerGrain>(session.InstanceId);
        await foreach (var message in events.ReadAllAsync(cancellationToken))
        {
            try
            {
                switch (message.PayloadCase)
                {
                    case StreamEvent.PayloadOneofCase.ConversationEvent:
                        await RecordEventAsync(listener, message.ConversationEvent, cancellationToken);
                        break;
                    case StreamEvent.PayloadOneofCase.ContextUsed:
                        await listener.CountTelemetry(session.Lease.ListenerId, "context_used");
                        break;
                    case StreamEvent.PayloadOneofCase.ContextAssembled:
                        await listener.CountTelemetry(session.Lease.ListenerId, "context_assembled");
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An outage of the cluster loses this event, not the stream: the SDK replays what it queued if it reconnects.
                LogRecordFailed(logger, e, session.InstanceId, message.PayloadCase.ToString());
            }
        }
    }

    private async Task RecordEventAsync(IInstanceListenerGrain listener, V1.ConversationEvent wire, CancellationToken cancellationToken)
    {
        var charged = await grains.GetGrain<IInstanceGrain>(caller.InstanceId).AuthorizeKey(caller.CredentialId, caller.KeyHash);
        if (charged.Error is { } refused)
        {
            // A revoked key or a stopped instance: the listener grain ends this stream with its own closing signal.
            LogEventRefused(logger, session.InstanceId, refused.Code);
            return;
        }
        if (!charged.Value!.RateLimit.Allowed)
        {
            // The key's bucket, charged here directly rather than through KeyAuthenticator, so counted here too.
            metrics.RateLimitRejected(SynapMetrics.RateLimits.KeyBucket);
            var limit = GrpcCaller.RateLimited(charged.Value.RateLimit);
            await responses.WriteAsync(ListenWireMapping.ToResponse(new ListenSignal(ListenSignal.Throttle, limit.Code, limit.Details)), cancellationToken);
            return;
        }
        var recorded = await listener.RecordEvent(ListenWireMapping.ToDomain(wire), session.Lease.ListenerId, caller.Actor);
        if (recorded.Error is { } failure)
            LogEventRefused(logger, session.InstanceId, failure.Code);
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in session.Outbound.ReadAllAsync(cancellationToken))
        {
            if (message.Bundle is { } bundle)
                await responses.WriteAsync(ListenWireMapping.ToResponse(bundle), cancellationToken);
            if (message.Signal is { } signal)
            {
                await responses.WriteAsync(ListenWireMapping.ToResponse(signal), cancellationToken);
                if (signal.EndsStream)
                    return;
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or RpcException)
        {
            // The client went away or the call was ended by the other loop: nothing left to tell anyone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listen stream of {InstanceId}: a {Payload} message could not be recorded")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string instanceId, string payload);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listen stream of {InstanceId}: an event was refused ({Code}) and dropped")]
    private static partial void LogEventRefused(ILogger logger, string instanceId, string code);
}
