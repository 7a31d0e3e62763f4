namespace Synap.Grains.Interfaces.Credentials;

[GenerateSerializer, Immutable, Alias("synap.create-api-key.v1")]
public sealed record CreateApiKeyCommand(
    [property: Id(0)] string? Label = null,
    [property: Id(1)] DateTimeOffset? ExpiresAt = null);
