using Synap.Api.Errors;

namespace Synap.Api.Endpoints;

/// <summary>What the OpenAPI document says a route answers: its success type and status, and API.md's error body.</summary>
public static class OpenApiMetadata
{
    private static readonly int[] ErrorStatuses = [400, 401, 403, 404, 409, 413, 415, 429, 503];

    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status, "application/json");

    public static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder route) where T : notnull =>
        route.Accepts<T>("application/json");

    /// <summary>Every authenticated route may answer with the error body of API.md §1.</summary>
    public static TBuilder AnswersErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in ErrorStatuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]));
        return builder;
    }
}
