using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Api.Endpoints;

/// <summary>API.md §4: <c>/dashboard/clients</c>.</summary>
public static class ClientEndpoints
{
    public static RouteGroupBuilder MapClients(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/dashboard/clients").RequireAuthorization().WithTags("Clients").AnswersErrors();

        group.MapPost("", async (HttpContext http, IGrainFactory grains) =>
        {
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new CreateClientCommand(body!.String("name"), body.String("website"), body.String("description"),
                body.Object("context"), body.String("tier"), body.Integer("rate_limit_per_minute"), body.Integer("burst"));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Created(await Registry(grains).CreateClient(command, http.Actor()));
        }).WithIdempotency().Reads<CreateClientCommand>().Answers<ClientView>(StatusCodes.Status201Created);

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string? status) =>
        {
            var (page, error) = Paging.Read(http.Request);
            if (error is not null)
                return error;
            return ApiResults.Ok(await Registry(grains).ListClients(status, page!, http.Actor()));
        }).Answers<Page<ClientView>>();

        group.MapGet("/{clientId}", async (HttpContext http, IGrainFactory grains, string clientId) =>
            PathIds.Client(clientId) ?? ApiResults.Ok(await grains.GetGrain<IClientGrain>(clientId).Get(http.Actor()))).Answers<ClientView>();

        group.MapPatch("/{clientId}", async (HttpContext http, IGrainFactory grains, string clientId) =>
        {
            if (PathIds.Client(clientId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new UpdateClientCommand(body!.OptionalString("name"), body.OptionalString("website"), body.OptionalString("description"),
                body.OptionalObject("context"), body.OptionalString("status"), body.OptionalString("tier"),
                body.OptionalInteger("rate_limit_per_minute"), body.OptionalInteger("burst"));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Ok(await grains.GetGrain<IClientGrain>(clientId).Update(command, http.Actor()));
        }).Reads<ClientPatchBody>().Answers<ClientView>();

        group.MapDelete("/{clientId}", async (HttpContext http, IGrainFactory grains, string clientId) =>
            PathIds.Client(clientId) ?? ApiResults.Ok(await grains.GetGrain<IClientGrain>(clientId).SoftDelete(http.Actor()))).Answers<ClientView>();

        return group;
    }

    private static IClientRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);
}
