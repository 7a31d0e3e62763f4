using Synap.Grains.Interfaces.RateLimiting;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>What a client's instances need to know of it: whether it is active, and the rate limit of its tier.</summary>
[GenerateSerializer, Immutable, Alias("synap.client-standing.v1")]
public sealed record ClientStanding(
    [property: Id(0)] ClientStatus Status,
    [property: Id(1)] ClientTier Tier,
    [property: Id(2)] RateLimitPolicy RateLimit)
{
    /// <summary>
    /// Grows with each change of the client's standing, so an instance that hears of two changes out of order keeps
    /// the newer. 0 for a client whose standing never changed since it was created (or before versions existed).
    /// </summary>
    [Id(3)] public long Version { get; init; }

    public static ClientStanding Of(ClientView view) =>
        new(view.Status, view.Tier, new RateLimitPolicy(view.RateLimitPerMinute, view.Burst));

    public static ClientStanding Of(ClientView view, long version) => Of(view) with { Version = version };

    /// <summary>Whether the two say the same of the client, whatever their versions.</summary>
    public bool SameAs(ClientStanding other) => Status == other.Status && Tier == other.Tier && RateLimit == other.RateLimit;
}
