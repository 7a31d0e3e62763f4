using Synap.Grains.Interfaces.RateLimiting;

namespace Synap.Grains.RateLimiting;

/// <summary>
/// A continuous-refill token bucket. It lives in the memory of the grain that owns the key, so every API
/// node's request for that key meets the same bucket: admissions never exceed <c>burst + rate × elapsed</c>.
/// A rejected request takes nothing.
/// </summary>
public sealed class TokenBucket(RateLimitPolicy policy, DateTimeOffset now)
{
    private double tokens = policy.Burst;
    private DateTimeOffset updatedAt = now;

    public RateLimitPolicy Policy { get; private set; } = policy;

    public RateLimitDecision TryConsume(DateTimeOffset now)
    {
        Refill(now);
        var allowed = tokens >= 1;
        if (allowed)
            tokens -= 1;
        return Decide(allowed, now);
    }

    /// <summary>The bucket as it stands, without taking a token (for <c>whoami</c>).</summary>
    public RateLimitDecision Peek(DateTimeOffset now)
    {
        Refill(now);
        return Decide(allowed: tokens >= 1, now);
    }

    /// <summary>A tier change applies at once: the tokens already earned are kept, up to the new capacity.</summary>
    public void Apply(RateLimitPolicy next, DateTimeOffset now)
    {
        Refill(now);
        Policy = next;
        tokens = Math.Min(tokens, next.Burst);
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = (now - updatedAt).TotalSeconds;
        if (elapsed > 0)
        {
            tokens = Math.Min(Policy.Burst, tokens + elapsed * Policy.TokensPerSecond);
            updatedAt = now;
        }
    }

    private RateLimitDecision Decide(bool allowed, DateTimeOffset now)
    {
        var secondsUntilFull = (int)Math.Ceiling((Policy.Burst - tokens) / Policy.TokensPerSecond);
        var retryAfter = allowed ? 0 : Math.Max(1, (int)Math.Ceiling((1 - tokens) / Policy.TokensPerSecond));
        return new RateLimitDecision(allowed, Policy, (int)Math.Floor(tokens), now.ToUnixTimeSeconds() + secondsUntilFull,
            secondsUntilFull, retryAfter);
    }
}
