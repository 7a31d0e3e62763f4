using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>The Client object of API.md §4.</summary>
[GenerateSerializer, Immutable, Alias("synap.client.v1")]
public sealed record ClientView(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Website,
    [property: Id(3)] string? Description,
    [property: Id(4)] JsonText Context,
    [property: Id(5)] ClientStatus Status,
    [property: Id(6)] ClientTier Tier,
    [property: Id(7)] int RateLimitPerMinute,
    [property: Id(8)] int Burst,
    [property: Id(9)] int InstancesCount,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt);
