using Synap.Grains.Interfaces.RateLimiting;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>What a client's instances need to know of it: whether it is active, and the rate limit of its tier.</summary>
[GenerateSerializer, Immutable, Alias("synap.client-standing.v1")]
public sealed record ClientStanding(
    [property: Id(0)] ClientStatus Status,
    [property: Id(1)] ClientTier Tier,
    [property: Id(2)] RateLimitPolicy RateLimit)
{
    public static ClientStanding Of(ClientView view) =>
        new(view.Status, view.Tier, new RateLimitPolicy(view.RateLimitPerMinute, view.Burst));
}
