using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Api.Endpoints;

/// <summary>API.md §6 and §4: the API keys of an instance and of a client, the same three routes on each owner.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        MapKeysOf(routes, "/dashboard/clients/{ownerId}/api-keys", id => PathIds.Client(id), (grains, id) => grains.GetGrain<IClientGrain>(id));
        MapKeysOf(routes, "/dashboard/instances/{ownerId}/api-keys", id => PathIds.Instance(id), (grains, id) => grains.GetGrain<IInstanceGrain>(id));
        return routes;
    }

    private static void MapKeysOf(IEndpointRouteBuilder routes, string prefix, Func<string, ErrorResult?> validateId,
        Func<IGrainFactory, string, IApiKeyOwnerGrain> owner)
    {
        var group = routes.MapGroup(prefix).RequireAuthorization().WithTags("API keys").AnswersErrors();

        // The response holds the secret, so it is never stored for idempotent replay (API.md §8).
        group.MapPost("", async (HttpContext http, IGrainFactory grains, string ownerId) =>
        {
            if (validateId(ownerId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http, required: false);
            if (error is not null)
                return error;
            var command = new CreateApiKeyCommand(body!.String("label"), body.Time("expires_at"));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Created(await owner(grains, ownerId).CreateApiKey(command, http.Actor()));
        }).Reads<CreateApiKeyCommand>().Answers<CreatedApiKey>(StatusCodes.Status201Created);

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string ownerId) =>
            validateId(ownerId) ?? ApiResults.Ok(await owner(grains, ownerId).ListApiKeys(http.Actor()))).Answers<IReadOnlyList<ApiKeyView>>();

        group.MapDelete("/{credentialId}", async (HttpContext http, IGrainFactory grains, string ownerId, string credentialId) =>
        {
            if ((validateId(ownerId) ?? PathIds.Credential(credentialId)) is { } badId)
                return badId;
            var revoked = await owner(grains, ownerId).RevokeApiKey(credentialId, http.Actor());
            return ApiResults.Map(revoked, _ => TypedResults.Ok(new RevokedResponse(true, "API key revoked successfully.")));
        }).Answers<RevokedResponse>();
    }

    public sealed record RevokedResponse(bool Success, string Message);
}
