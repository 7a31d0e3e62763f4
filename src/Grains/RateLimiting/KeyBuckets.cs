using Synap.Grains.Interfaces.RateLimiting;

namespace Synap.Grains.RateLimiting;

/// <summary>
/// The buckets of one owner's keys, in memory only: persisting a bucket would cost a storage write per
/// request. A reactivated grain starts its keys with full buckets, which can admit at most one extra burst.
/// </summary>
public sealed class KeyBuckets
{
    private readonly Dictionary<string, TokenBucket> buckets = new(StringComparer.Ordinal);
    private RateLimitPolicy? policy;

    public RateLimitDecision TryConsume(string credentialId, RateLimitPolicy current, DateTimeOffset now) =>
        Bucket(credentialId, current, now).TryConsume(now);

    public RateLimitDecision Peek(string credentialId, RateLimitPolicy current, DateTimeOffset now) =>
        Bucket(credentialId, current, now).Peek(now);

    public void Forget(string credentialId) => buckets.Remove(credentialId);

    private TokenBucket Bucket(string credentialId, RateLimitPolicy current, DateTimeOffset now)
    {
        if (policy != current)
        {
            foreach (var bucket in buckets.Values)
                bucket.Apply(current, now);
            policy = current;
        }
        if (!buckets.TryGetValue(credentialId, out var found))
            buckets[credentialId] = found = new TokenBucket(current, now);
        return found;
    }
}
