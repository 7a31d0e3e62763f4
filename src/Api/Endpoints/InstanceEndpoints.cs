using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Api.Endpoints;

/// <summary>API.md §5: <c>/dashboard/instances</c>.</summary>
public static class InstanceEndpoints
{
    public static RouteGroupBuilder MapInstances(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/dashboard/instances").RequireAuthorization().WithTags("Instances").AnswersErrors();

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string? status, string? parent_instance_id) =>
        {
            if (ClientIdQuery(http) is { Error: { } badClient })
                return badClient;
            var (page, error) = Paging.Read(http.Request);
            if (error is not null)
                return error;
            var query = new ListInstancesQuery(page!, status, parent_instance_id);
            return ApiResults.Ok(await grains.GetGrain<IClientGrain>(ClientIdQuery(http).Id!).ListInstances(query, http.Actor()));
        }).Answers<Page<InstanceSummary>>();

        group.MapPost("", async (HttpContext http, IGrainFactory grains) =>
        {
            var (clientId, badClient) = ClientIdQuery(http);
            if (badClient is not null)
                return badClient;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new CreateInstanceCommand(body!.String("name"), body.String("agent_type"), body.String("description"),
                body.StringMap("metadata"), body.String("parent_instance_id"), IdempotencyMiddleware.RequestId(http));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Created(await grains.GetGrain<IClientGrain>(clientId!).CreateInstance(command, http.Actor()));
        }).WithIdempotency().Reads<CreateInstanceCommand>().Answers<InstanceDetail>(StatusCodes.Status201Created);

        // An instance key reading its own instance was already read by authentication, in the same grain call.
        group.MapGet("/{instanceId}", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId)
            ?? (SelfReadRoute.TakeRead(http, instanceId) is { } read
                ? TypedResults.Ok(read)
                : ApiResults.Ok(await grains.GetGrain<IInstanceGrain>(instanceId).Get(http.Actor()))))
            .WithMetadata(new SelfReadRoute("instanceId")).Answers<InstanceDetail>();

        group.MapPatch("/{instanceId}", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new UpdateInstanceCommand(body!.OptionalString("name"), body.OptionalString("description"),
                body.NullableStringMap("metadata"), body.OptionalString("status"));
            if (body.Error is not null)
                return body.Error;
            return ApiResults.Ok(await grains.GetGrain<IInstanceGrain>(instanceId).Update(command, http.Actor()));
        }).Reads<InstancePatchBody>().Answers<InstanceDetail>();

        group.MapDelete("/{instanceId}", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId) ?? ApiResults.Ok(await grains.GetGrain<IInstanceGrain>(instanceId).Archive(http.Actor()))).Answers<InstanceDetail>();

        group.MapPost("/{instanceId}/reset", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId) ?? ApiResults.Ok(await grains.GetGrain<IInstanceGrain>(instanceId).Reset(http.Actor()))).Answers<InstanceDetail>();

        return group;
    }

    /// <summary>The required <c>client_id</c> query parameter.</summary>
    private static (string? Id, ErrorResult? Error) ClientIdQuery(HttpContext http)
    {
        var values = http.Request.Query["client_id"];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return (null, ErrorResult.InvalidInput("client_id", "is required"));
        var id = values[0];
        return PathIds.Client(id) is { } bad ? (null, bad) : (id, null);
    }
}
