using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>Body of <c>POST /dashboard/clients</c>. Enum-like fields stay strings so the grain validates them for every caller.</summary>
[GenerateSerializer, Immutable, Alias("synap.create-client.v1")]
public sealed record CreateClientCommand(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Website = null,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] JsonText? Context = null,
    [property: Id(4)] string? Tier = null,
    [property: Id(5)] long? RateLimitPerMinute = null,
    [property: Id(6)] long? Burst = null);
