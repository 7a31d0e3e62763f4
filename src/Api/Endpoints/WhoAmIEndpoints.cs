using Synap.Api.Authentication;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Endpoints;

/// <summary>API.md §2 <c>GET /api/v1/auth/whoami</c>: answered from the request's own authorization, no further grain call.</summary>
public static class WhoAmIEndpoints
{
    public static RouteHandlerBuilder MapWhoAmI(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/auth/whoami", (HttpContext http) =>
        {
            if (http.KeyAuthorization() is not { } key)
                return Results.Json(new { scope = "admin" });
            var bucket = key.RateLimit;
            return TypedResults.Ok(new WhoAmIResponse(
                key.Actor.CredentialId!, key.Actor.Type == ActorType.InstanceKey ? "instance" : "client",
                key.Actor.ClientId!, key.Actor.InstanceId, key.Label, key.Tier,
                new RateLimitState(bucket.Policy.PerMinute, bucket.Policy.Burst, bucket.Remaining, bucket.ResetAtUnixSeconds),
                key.CreatedAt, key.LastUsedAt));
        }).RequireAuthorization().WithTags("Authentication").AnswersErrors().Answers<WhoAmIResponse>();

    public sealed record WhoAmIResponse(
        string CredentialId, string Scope, string ClientId, string? InstanceId, string Label,
        Grains.Interfaces.Clients.ClientTier Tier, RateLimitState RateLimit, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public sealed record RateLimitState(int Limit, int Burst, int Remaining, long Reset);
}
