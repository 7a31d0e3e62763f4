namespace Synap.Api.Idempotency;

public static class IdempotencyConventions
{
    /// <summary>Makes the route honour <c>Idempotency-Key</c>; <see cref="IdempotencyMiddleware"/> does the work.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentRoute.Instance);
}
