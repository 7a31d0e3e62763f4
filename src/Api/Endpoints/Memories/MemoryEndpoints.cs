using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Endpoints.Memories;

/// <summary>API.md §11: <c>/v1/memories</c>, the calling instance's own memories (its instance key; the instance is the key's).</summary>
public static class MemoryEndpoints
{
    public static RouteGroupBuilder MapMemories(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/memories").RequireAuthorization().WithTags("Memories").AnswersErrors();

        group.MapPost("", async (HttpContext http, IGrainFactory grains) =>
        {
            if (OwnInstance(http) is { Error: { } notAnInstance })
                return notAnInstance;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var command = new AddMemoryCommand(body!.String("content"), body.String("scope"), body.String("scope_id"), body.StringMap("metadata"));
            if (body.Error is not null)
                return body.Error;
            var added = await Store(http, grains).Add(command, http.Actor());
            return ApiResults.Map(added, receipt => TypedResults.Json(receipt, statusCode: StatusCodes.Status202Accepted));
        }).WithIdempotency().Reads<AddMemoryCommand>().Answers<MemoryReceipt>(StatusCodes.Status202Accepted);

        group.MapGet("", async (HttpContext http, IGrainFactory grains) =>
        {
            if (OwnInstance(http) is { Error: { } notAnInstance })
                return notAnInstance;
            var (page, badPage) = Paging.Read(http.Request);
            if (badPage is not null)
                return badPage;
            var (scope, badScope) = SingleQueryValue(http, "scope");
            var (q, badQ) = SingleQueryValue(http, "q");
            if ((badScope ?? badQ) is { } bad)
                return bad;
            return ApiResults.Ok(await Store(http, grains).List(new ListMemoriesQuery(page!, scope, q), http.Actor()));
        }).Answers<Page<Memory>>();

        group.MapGet("/{memoryId}", async (HttpContext http, IGrainFactory grains, string memoryId) =>
            OwnInstance(http).Error ?? MemoryId(memoryId) ?? ApiResults.Ok(await Store(http, grains).Get(memoryId, http.Actor())))
            .Answers<Memory>();

        group.MapDelete("/{memoryId}", async (HttpContext http, IGrainFactory grains, string memoryId) =>
        {
            if ((OwnInstance(http).Error ?? MemoryId(memoryId)) is { } refused)
                return refused;
            var deleted = await Store(http, grains).Delete(memoryId, http.Actor());
            return ApiResults.Map(deleted, _ => TypedResults.Ok(new MemoryDeletedResponse(true)));
        }).Answers<MemoryDeletedResponse>();

        return group;
    }

    /// <summary>
    /// The route names no instance: it is the key's own. The admin key and client keys have none here, so they are out
    /// of scope (a trusted back end reaches any instance's store through the Orleans client with its id instead).
    /// </summary>
    private static (string? InstanceId, ErrorResult? Error) OwnInstance(HttpContext http)
    {
        var actor = http.Actor();
        if (actor is { Type: ActorType.InstanceKey, InstanceId: { } instanceId })
            return (instanceId, null);
        var reason = actor.IsAdmin
            ? "the admin key belongs to no instance: /v1/memories takes the instance's own key"
            : "only an instance key may use /v1/memories; it acts on that key's instance";
        return (null, ErrorResult.From(Failure.Forbidden(reason)));
    }

    private static IMemoryStoreGrain Store(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IMemoryStoreGrain>(OwnInstance(http).InstanceId!);

    private static ErrorResult? MemoryId(string memoryId) =>
        MemoryRules.IsMemoryId(memoryId) ? null : ErrorResult.InvalidInput("memory_id", "must be mem_ + 16 lowercase hex");

    /// <summary>An optional query parameter given at most once.</summary>
    private static (string? Value, ErrorResult? Error) SingleQueryValue(HttpContext http, string name)
    {
        var values = http.Request.Query[name];
        return values.Count switch
        {
            0 => (null, null),
            1 => (values[0], null),
            _ => (null, ErrorResult.InvalidInput(name, "must be given at most once")),
        };
    }
}
