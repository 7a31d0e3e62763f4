namespace Synap.Grains.Interfaces.Credentials;

/// <summary>The answer of <c>POST /api/v1/keys/bootstrap</c>: the new instance key, shown once.</summary>
[GenerateSerializer, Immutable, Alias("synap.exchanged-api-key.v1")]
public sealed record ExchangedApiKey(
    [property: Id(0)] string ApiKey,
    [property: Id(1)] string CredentialId,
    [property: Id(2)] string Label,
    [property: Id(3)] string InstanceId,
    [property: Id(4)] string ClientId,
    [property: Id(5)] DateTimeOffset CreatedAt);
