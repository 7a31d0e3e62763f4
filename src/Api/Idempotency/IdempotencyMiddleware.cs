using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Grains.Idempotency;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Idempotency;

/// <summary>
/// API.md §8 for routes marked <see cref="IdempotentRoute"/>: a request with an <c>Idempotency-Key</c> asks the
/// key's grain first, then runs the route with its response captured and recorded, or replays the stored response,
/// or is refused. Runs after authentication, since keys are scoped by credential; the route itself is unaware.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, ILogger<IdempotencyMiddleware> logger)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const string RequestIdItem = "synap.idempotent-request-id";

    /// <summary>
    /// The id of this idempotent request while its route runs (credential, hashed key and body fingerprint), else null:
    /// a route whose grain can recognise a retry of a write that committed but lost its answer passes it on (instance
    /// creates do). The body is part of it, so a different request under the same key is never taken for a retry.
    /// </summary>
    public static string? RequestId(HttpContext http) => http.Items[RequestIdItem] as string;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRoute>() is null)
            return next(http);
        var (key, badKey) = IdempotencyKeyHeader.Read(http.Request);
        if (badKey is not null)
            return badKey.ExecuteAsync(http);
        return key is null ? next(http) : InvokeWithKeyAsync(http, key);
    }

    private async Task InvokeWithKeyAsync(HttpContext http, string key)
    {
        var fingerprint = await RequestFingerprint.ComputeAsync(http.Request, http.RequestAborted);
        if (fingerprint is null)
        {
            await next(http);
            return;
        }
        var scope = IdempotencyScope.GrainKey(http.Actor(), key);
        var grain = grains.GetGrain<IIdempotencyGrain>(scope);
        var decision = await grain.Begin(fingerprint);
        http.Items[RequestIdItem] = $"{scope}:{fingerprint}";
        await (decision.Verdict switch
        {
            IdempotencyVerdict.Proceed => RunAndRecordAsync(http, grain, decision.ClaimId),
            IdempotencyVerdict.Replay => ReplayAsync(http, decision.Response!),
            IdempotencyVerdict.KeyReused => ErrorResult.Of(ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request").ExecuteAsync(http),
            _ => ErrorResult.Of(ErrorCodes.IdempotencyKeyInUse,
                "A request with this Idempotency-Key is still in progress").ExecuteAsync(http),
        });
    }

    private async Task RunAndRecordAsync(HttpContext http, IIdempotencyGrain grain, Guid claimId)
    {
        var response = http.Response;
        var clientBody = response.Body;
        using var captured = new MemoryStream();
        response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            await ReleaseAsync(grain, claimId);
            throw;
        }
        finally
        {
            response.Body = clientBody;
        }
        await RecordAsync(grain, claimId, new StoredResponse(response.StatusCode, response.ContentType, captured.ToArray()));
        captured.Position = 0;
        await captured.CopyToAsync(clientBody, http.RequestAborted);
    }

    private static Task ReplayAsync(HttpContext http, StoredResponse stored)
    {
        var response = http.Response;
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        response.ContentLength = stored.Body.Length;
        response.Headers[ReplayedHeader] = "true";
        return response.Body.WriteAsync(stored.Body, http.RequestAborted).AsTask();
    }

    /// <summary>
    /// The route's work is done whether or not this succeeds, so a failure here must not turn its answer into an
    /// error: the caller gets the real response, and the unrecorded claim lapses after its lease.
    /// </summary>
    private async Task RecordAsync(IIdempotencyGrain grain, Guid claimId, StoredResponse response)
    {
        try
        {
            await grain.Complete(claimId, response);
        }
        catch (Exception exception)
        {
            LogNotRecorded(logger, exception);
        }
    }

    /// <summary>
    /// The route's own exception is what the caller must see. The release is asked again (a silo leaving, a database
    /// restarting): one that never lands delays the caller's retry until the claim's 60 s lease runs out.
    /// </summary>
    private Task ReleaseAsync(IIdempotencyGrain grain, Guid claimId) =>
        ReleaseRetry.RunAsync(() => grain.Release(claimId), e => LogNotReleased(logger, e));
}
