namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// The one listen lease of an instance (API.md §10): who holds it, since when, when it was last renewed and when it
/// lapses if its holder stops renewing it (a node that died). <c>CredentialId</c> is the key the stream was opened
/// with (null for the admin / a trusted back end), so revoking that key ends the stream.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.listen-lease.v1")]
public sealed record ListenLease(
    [property: Id(0)] string ListenerId,
    [property: Id(1)] ListenTransport Transport,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] DateTimeOffset LastHeartbeatAt,
    [property: Id(4)] DateTimeOffset LeaseExpiresAt,
    [property: Id(5)] string? CredentialId);
