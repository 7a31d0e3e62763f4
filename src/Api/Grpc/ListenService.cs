using Grpc.Core;
using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Grpc.V1;
using Synap.Api.Listening;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Telemetry;

namespace Synap.Api.Grpc;

/// <summary>
/// <c>synap.v1.SynapService</c> (API.md §10, LISTEN-WIRE.md). <c>Listen</c> authenticates the instance key from the
/// metadata, takes the instance's listen lease at call start (the client sends no opening message) and runs the
/// stream (<see cref="ListenCall"/>) until either side ends it; the lease is released when the call ends, however it ends.
/// </summary>
public sealed class ListenService(
    IGrainFactory grains,
    ListenSessions sessions,
    KeyAuthenticator authenticator,
    SynapMetrics metrics,
    ILogger<ListenService> logger) : SynapService.SynapServiceBase
{
    public override async Task Listen(IAsyncStreamReader<StreamEvent> requestStream, IServerStreamWriter<StreamResponse> responseStream,
        ServerCallContext context)
    {
        GrpcCaller caller;
        Outcome<ListenSession> opened;
        try
        {
            caller = await GrpcCaller.AuthenticateAsync(context, authenticator);
            opened = await ListenSession.OpenAsync(grains, sessions, caller.InstanceId, ListenTransport.Grpc, caller.Actor, context.CancellationToken);
        }
        catch (Exception e) when (RequestFailure.Classify(e, context.CancellationToken.IsCancellationRequested) == RequestFailureKind.Unavailable)
        {
            // An outage, not a bug: UNAVAILABLE tells the SDK to retry (HTTP answers 503 for the same).
            throw GrpcStatus.Exception(Failure.Of(ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable"));
        }
        if (opened.Error is { } refused)
        {
            // The reason first, in the form the SDK acts on (an error signal makes it reconnect later), then the status:
            // ALREADY_EXISTS while another listener holds the lease, FAILED_PRECONDITION for an instance that is not active.
            await responseStream.WriteAsync(ListenWireMapping.ToResponse(new ListenSignal(ListenSignal.Error, refused.Code, refused.Details)));
            throw GrpcStatus.Exception(refused);
        }
        await using var session = opened.Value!;
        using var responses = new SerializedResponseWriter(responseStream);
        await new ListenCall(session, caller, requestStream, responses, grains, metrics, logger).RunAsync(context.CancellationToken);
    }

    /// <summary>The SDK's telemetry side channel: accepted from an instance key and counted; nothing is stored yet.</summary>
    public override async Task<TelemetryAck> IngestTelemetry(IAsyncStreamReader<TelemetryEvent> requestStream, ServerCallContext context)
    {
        await GrpcCaller.AuthenticateAsync(context, authenticator);
        var received = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
            received++;
        return new TelemetryAck { Status = "ok", EventsReceived = received };
    }
}
