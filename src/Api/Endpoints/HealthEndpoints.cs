using Synap.Api.Errors;
using Synap.Grains.Health;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Endpoints;

/// <summary>API.md §12: liveness of the process, readiness of cluster and storage.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").AllowAnonymous().WithTags("Health");

        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("live")));

        group.MapGet("/ready", async (HttpContext http, IGrainFactory grains) =>
        {
            try
            {
                await grains.GetGrain<IReadinessGrain>(IReadinessGrain.Key).Check().WaitAsync(ReadinessTimeout, http.RequestAborted);
                return (IResult)TypedResults.Ok(new HealthResponse("ready"));
            }
            catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                http.Response.Headers.RetryAfter = "5";
                return ErrorResult.Of(ErrorCodes.ServiceUnavailable, "The cluster or its storage is not reachable", ("reason", e.GetType().Name));
            }
        });

        return group;
    }

    public sealed record HealthResponse(string Status);
}
