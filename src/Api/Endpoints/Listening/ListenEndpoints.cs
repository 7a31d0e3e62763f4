using Microsoft.Extensions.Options;
using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Api.Listening;
using Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Endpoints.Listening;

/// <summary>API.md §10: <c>/v1/instances/{instance_id}/listen</c>, the SSE listen stream and its takeover.</summary>
public static class ListenEndpoints
{
    public static RouteGroupBuilder MapListen(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/instances/{instanceId}/listen").RequireAuthorization().WithTags("Listening").AnswersErrors();

        // The lease is taken before any byte of the stream is written, so a refusal is a plain 409 with the holder's details.
        group.MapGet("", async (HttpContext http, IGrainFactory grains, ListenSessions sessions, IOptions<ListenStreamOptions> options, string instanceId) =>
        {
            if (PathIds.Instance(instanceId) is { } badId)
                return badId;
            var opened = await ListenSession.OpenAsync(grains, sessions, instanceId, ListenTransport.Sse, http.Actor(), http.RequestAborted);
            if (opened.Error is { } refused)
                return ErrorResult.From(refused);
            await using var session = opened.Value!;
            await SseListener.ServeAsync(http, session, options.Value, sessions.Clock);
            return Results.Empty;
        }).Produces(StatusCodes.Status200OK, contentType: ServerSentEvents.ContentType);

        group.MapDelete("", async (HttpContext http, IGrainFactory grains, string instanceId) =>
            PathIds.Instance(instanceId)
            ?? ApiResults.Ok(await grains.GetGrain<IInstanceListenerGrain>(instanceId).Stop(http.Actor()))).Answers<ListenLease>();

        return group;
    }
}
