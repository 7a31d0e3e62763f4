using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Idempotency;
using Synap.Api.Json;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Api.Endpoints.Listening;

/// <summary>API.md §10: <c>/v1/instances/{instance_id}/events</c>, the REST twin of the stream's conversation events.</summary>
public static class EventEndpoints
{
    private static readonly string[] Required = ["event_type", "conversation_id", "user_id", "role", "content"];

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/instances/{instanceId}/events").RequireAuthorization().WithTags("Listening").AnswersErrors();

        group.MapPost("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (body, error) = await RequestBody.ReadAsync(http);
            if (error is not null)
                return error;
            var values = Required.Select(body!.String).ToList();
            var conversationEvent = new ConversationEvent(values[0]!, values[1], values[2], values[3], values[4],
                body.String("customer_id"), body.String("session_id"), body.StringMap("metadata"));
            if (body.Error is not null)
                return body.Error;
            if (Required.Zip(values).FirstOrDefault(field => field.Second is null).First is { } missing)
                return ErrorResult.InvalidInput(missing, "is required");
            return ApiResults.Map(await grains.GetGrain<IInstanceListenerGrain>(instanceId).RecordEvent(conversationEvent, null, http.Actor()),
                receipt => TypedResults.Json(receipt, statusCode: StatusCodes.Status202Accepted));
        }).WithIdempotency().Reads<ConversationEvent>().Answers<EventReceipt>(StatusCodes.Status202Accepted);

        group.MapGet("", async (HttpContext http, IGrainFactory grains, string instanceId, string? conversation_id) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var (page, error) = Paging.Read(http.Request);
            if (error is not null)
                return error;
            var listed = await grains.GetGrain<IInstanceListenerGrain>(instanceId).ListEvents(page!, conversation_id, http.Actor());
            return ApiResults.Map(listed, events => TypedResults.Ok(
                new Page<EventView>(events.Data.Select(EventView.Of).ToList(), events.PageNumber, events.PageSize, events.Total)));
        }).Answers<Page<EventView>>();

        return group;
    }
}
