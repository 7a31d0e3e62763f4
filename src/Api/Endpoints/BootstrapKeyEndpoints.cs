using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Endpoints;

/// <summary>API.md §6 bootstrap keys: issue and revoke on the dashboard; the anonymous exchange official SDKs call.</summary>
public static class BootstrapKeyEndpoints
{
    public static IEndpointRouteBuilder MapBootstrapKeys(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/dashboard/instances/{instanceId}").RequireAuthorization().WithTags("Bootstrap keys").AnswersErrors();

        // The response holds the secret, so it is never stored for idempotent replay (API.md §8).
        dashboard.MapPost("/bootstrap-key", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId)
            ?? ApiResults.Created(await grains.GetGrain<IInstanceGrain>(instanceId).CreateBootstrapKey(http.Actor())))
            .Answers<CreatedBootstrapKey>(StatusCodes.Status201Created);

        dashboard.MapPost("/revoke-key", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId)
            ?? ApiResults.Map(await grains.GetGrain<IInstanceGrain>(instanceId).RevokeBootstrapKey(http.Actor()),
                _ => TypedResults.Ok(new ApiKeyEndpoints.RevokedResponse(true,
                    "Bootstrap key revoked successfully. Any SDK instances using this key will need to re-bootstrap."))))
            .Answers<ApiKeyEndpoints.RevokedResponse>();

        routes.MapPost("/api/v1/keys/bootstrap", ExchangeAsync).AllowAnonymous().WithTags("Bootstrap keys").AnswersErrors()
            .Reads<BootstrapExchangeBody>().Answers<ExchangedApiKey>().RequireRateLimiting(AnonymousRouteLimit.Policy);
        return routes;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, IGrainFactory grains, KeyOwnerCache owners)
    {
        var (body, error) = await RequestBody.ReadAsync(http);
        if (error is not null)
            return error;
        var instanceId = body!.String("instance_id");
        var key = body.String("bootstrap_key") ?? body.String("bootstrap_token");
        var label = body.String("label");
        if (body.Error is not null)
            return body.Error;
        if (key is null)
            return ErrorResult.InvalidInput("bootstrap_key", "is required");
        if (!string.IsNullOrEmpty(instanceId) && PathIds.Instance(instanceId) is { } badId)
            return badId;
        if (!BootstrapKeyFormat.IsWellFormed(key))
            return Invalid();
        var hash = BootstrapKeyFormat.Hash(key);
        var owner = await owners.ResolveAsync(hash);
        if (owner is not { Scope: ActorType.Bootstrap, InstanceId: { } ownerInstance }
            || (!string.IsNullOrEmpty(instanceId) && instanceId != ownerInstance))
            return Invalid();
        var exchanged = await grains.GetGrain<IInstanceGrain>(ownerInstance).ExchangeBootstrapKey(hash, label);
        return ApiResults.Ok(exchanged);
    }

    private static ErrorResult Invalid() =>
        ErrorResult.Of(ErrorCodes.InvalidApiKey, "Invalid, used, expired or revoked bootstrap key");
}
