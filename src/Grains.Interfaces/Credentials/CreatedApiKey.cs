namespace Synap.Grains.Interfaces.Credentials;

/// <summary>The only place a key's secret is ever returned: the response to its creation.</summary>
[GenerateSerializer, Immutable, Alias("synap.created-api-key.v1")]
public sealed record CreatedApiKey(
    [property: Id(0)] string ApiKey,
    [property: Id(1)] string CredentialId,
    [property: Id(2)] string Label,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt);
