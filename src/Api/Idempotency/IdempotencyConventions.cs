using Microsoft.OpenApi;

namespace Synap.Api.Idempotency;

public static class IdempotencyConventions
{
    /// <summary>
    /// Makes the route honour <c>Idempotency-Key</c> (<see cref="IdempotencyMiddleware"/> does the work) and
    /// documents the header in its OpenAPI operation.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentRoute.Instance).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeyHeader.Name,
                In = ParameterLocation.Header,
                Description = "1-255 printable ASCII characters. For 24 h the same key from the same credential with the same "
                    + "request returns the first response again, with Idempotent-Replayed: true (API.md §8).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeyHeader.MaxLength },
            });
            return Task.CompletedTask;
        });
}
