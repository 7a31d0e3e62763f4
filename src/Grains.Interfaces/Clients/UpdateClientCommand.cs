using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>Body of <c>PATCH /dashboard/clients/{id}</c>: a null field is absent and left unchanged.</summary>
[GenerateSerializer, Immutable, Alias("synap.update-client.v1")]
public sealed record UpdateClientCommand(
    [property: Id(0)] Optional<string?>? Name = null,
    [property: Id(1)] Optional<string?>? Website = null,
    [property: Id(2)] Optional<string?>? Description = null,
    [property: Id(3)] Optional<JsonText?>? Context = null,
    [property: Id(4)] Optional<string?>? Status = null,
    [property: Id(5)] Optional<string?>? Tier = null,
    [property: Id(6)] Optional<long?>? RateLimitPerMinute = null,
    [property: Id(7)] Optional<long?>? Burst = null);
