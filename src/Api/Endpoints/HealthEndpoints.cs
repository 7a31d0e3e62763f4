using Synap.Api.Authentication;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Endpoints;

/// <summary>API.md §12: liveness of the process (never limited), readiness of cluster and storage (shared for a second, limited per address).</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").AllowAnonymous().WithTags("Health");

        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("live")));

        group.MapGet("/ready", async (HttpContext http, ReadinessProbe readiness) =>
        {
            if (await readiness.CheckAsync().WaitAsync(http.RequestAborted) is not { } failure)
                return (IResult)TypedResults.Ok(new HealthResponse("ready"));
            http.Response.Headers.RetryAfter = "5";
            return ErrorResult.Of(ErrorCodes.ServiceUnavailable, "The cluster or its storage is not reachable", ("reason", failure.GetType().Name));
        }).RequireRateLimiting(AnonymousRouteLimit.Policy);

        return group;
    }

    public sealed record HealthResponse(string Status);
}
