using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.RateLimiting;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Credentials;

/// <summary>
/// The owner grain's answer to a presented key: who the caller is and the bucket decision for this request,
/// with what <c>GET /api/v1/auth/whoami</c> shows, so authentication costs one grain call.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.key-authorization.v1")]
public sealed record KeyAuthorization(
    [property: Id(0)] Actor Actor,
    [property: Id(1)] RateLimitDecision RateLimit,
    [property: Id(2)] string Label,
    [property: Id(3)] ClientTier Tier,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastUsedAt);
