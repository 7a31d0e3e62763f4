namespace Synap.Grains.Idempotency;

/// <summary>The first answer to an idempotent request, kept to be sent again verbatim: status, media type and body bytes.</summary>
[GenerateSerializer, Immutable, Alias("synap.stored-response.v1")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] byte[] Body);
