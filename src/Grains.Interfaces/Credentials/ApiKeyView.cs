namespace Synap.Grains.Interfaces.Credentials;

[GenerateSerializer, Immutable, Alias("synap.api-key.v1")]
public sealed record ApiKeyView(
    [property: Id(0)] string CredentialId,
    [property: Id(1)] string Label,
    [property: Id(2)] string MaskedKey,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LastUsedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt);
