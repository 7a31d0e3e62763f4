using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Credentials;

/// <summary>Which grain owns a key. Immutable once written, so front ends may cache it; revocation lives in the owner.</summary>
[GenerateSerializer, Immutable, Alias("synap.key-owner.v1")]
public sealed record KeyOwner(
    [property: Id(0)] string CredentialId,
    [property: Id(1)] ActorType Scope,
    [property: Id(2)] string ClientId,
    [property: Id(3)] string? InstanceId);
