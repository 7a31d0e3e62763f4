namespace Synap.Api.Authentication;

/// <summary>
/// <c>Synap:AbuseLimits</c>: what one API node does against callers that cannot authenticate. Defaults are sized
/// so a real caller (a mistyped key, a load balancer probing readiness, an SDK fleet bootstrapping behind one NAT)
/// never meets them, while a key-guessing loop is turned away after a few hundred lookups a minute.
/// </summary>
public sealed class AbuseLimitOptions
{
    public const string Section = "Synap:AbuseLimits";

    /// <summary>Refused keys (<c>INVALID_API_KEY</c>) one remote address may present per <see cref="Window"/> before it gets 429.</summary>
    public int FailedAuthenticationsPerWindow { get; set; } = 300;

    /// <summary>Requests per <see cref="Window"/> one remote address may make to the anonymous routes that do work
    /// (<c>POST /api/v1/keys/bootstrap</c>, <c>GET /health/ready</c>); <c>/health/live</c> is never limited.</summary>
    public int AnonymousRequestsPerWindow { get; set; } = 600;

    /// <summary>The fixed window both per-address limits count in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long this node remembers that the index does not know a key hash.</summary>
    public TimeSpan UnknownKeyTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many unknown key hashes are remembered (about 0.3 KiB each).</summary>
    public int UnknownKeyCapacity { get; set; } = 10_000;

    internal string? Validate() =>
        FailedAuthenticationsPerWindow < 1 ? $"{Section}:FailedAuthenticationsPerWindow must be at least 1"
        : AnonymousRequestsPerWindow < 1 ? $"{Section}:AnonymousRequestsPerWindow must be at least 1"
        : Window <= TimeSpan.Zero ? $"{Section}:Window must be positive"
        : UnknownKeyTtl < TimeSpan.Zero ? $"{Section}:UnknownKeyTtl must not be negative"
        : UnknownKeyCapacity < 0 ? $"{Section}:UnknownKeyCapacity must not be negative"
        : null;
}
