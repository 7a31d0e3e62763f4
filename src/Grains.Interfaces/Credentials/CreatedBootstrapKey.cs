namespace Synap.Grains.Interfaces.Credentials;

[GenerateSerializer, Immutable, Alias("synap.created-bootstrap-key.v1")]
public sealed record CreatedBootstrapKey(
    [property: Id(0)] string Key,
    [property: Id(1)] string KeyId,
    [property: Id(2)] DateTimeOffset ExpiresAt);
