using Synap.Grains.Interfaces.RateLimiting;
using Synap.Grains.RateLimiting;

namespace Synap.Tests.Unit;

/// <summary>API.md §3 bucket maths at explicit instants: capacity = burst, continuous refill at limit per minute.</summary>
public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitPolicy Free = new(60, 10);
    private static readonly RateLimitPolicy Pro = new(600, 50);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static TokenBucket Exhausted(RateLimitPolicy policy)
    {
        var bucket = new TokenBucket(policy, T0);
        for (var i = 0; i < policy.Burst; i++)
            Assert.True(bucket.TryConsume(T0).Allowed);
        return bucket;
    }

    [Fact]
    public void A_full_bucket_admits_the_burst_at_once_then_rejects()
    {
        var bucket = new TokenBucket(Free, T0);

        var remaining = Enumerable.Range(0, 10).Select(_ => bucket.TryConsume(T0)).ToList();
        var eleventh = bucket.TryConsume(T0);

        Assert.All(remaining, d => Assert.True(d.Allowed));
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], remaining.Select(d => d.Remaining));
        Assert.False(eleventh.Allowed);
        Assert.Equal(0, eleventh.Remaining);
        Assert.Equal(Free, eleventh.Policy);
    }

    [Fact]
    public void Refill_is_continuous_one_second_at_60_per_minute_earns_exactly_one_token()
    {
        var bucket = Exhausted(Free);

        Assert.False(bucket.TryConsume(At(0.5)).Allowed);
        Assert.True(bucket.TryConsume(At(1)).Allowed);
        Assert.False(bucket.TryConsume(At(1)).Allowed);
        Assert.False(bucket.TryConsume(At(1.999)).Allowed);
        Assert.True(bucket.TryConsume(At(2)).Allowed);
    }

    [Fact]
    public void Refill_never_exceeds_the_burst()
    {
        var bucket = new TokenBucket(Free, T0);
        bucket.TryConsume(T0);

        var later = bucket.TryConsume(At(3600));

        Assert.Equal(9, later.Remaining);
    }

    [Fact]
    public void Retry_after_is_the_whole_seconds_until_one_token_and_at_least_one()
    {
        var slow = Exhausted(new RateLimitPolicy(6, 1));
        Assert.Equal(10, slow.TryConsume(T0).RetryAfterSeconds);
        Assert.Equal(8, slow.TryConsume(At(2.5)).RetryAfterSeconds);
        Assert.Equal(1, slow.TryConsume(At(9.9)).RetryAfterSeconds);

        var free = Exhausted(Free);
        Assert.Equal(1, free.TryConsume(T0).RetryAfterSeconds);
        Assert.Equal(1, free.TryConsume(At(0.999)).RetryAfterSeconds);

        // 100 tokens a second: the next token is 10 ms away, still announced as one whole second.
        var fast = Exhausted(new RateLimitPolicy(6000, 5));
        Assert.Equal(1, fast.TryConsume(T0).RetryAfterSeconds);
    }

    [Fact]
    public void An_admitted_request_has_no_retry_after()
    {
        var bucket = new TokenBucket(Free, T0);

        Assert.Equal(0, bucket.TryConsume(T0).RetryAfterSeconds);
    }

    [Fact]
    public void Reset_is_the_unix_second_when_the_bucket_is_full_again()
    {
        var bucket = new TokenBucket(Free, T0);
        var t0 = T0.ToUnixTimeSeconds();

        var first = bucket.TryConsume(T0);
        Assert.Equal(1, first.SecondsUntilFull);
        Assert.Equal(t0 + 1, first.ResetAtUnixSeconds);

        bucket.TryConsume(T0);
        var third = bucket.TryConsume(T0);
        Assert.Equal(7, third.Remaining);
        Assert.Equal(3, third.SecondsUntilFull);
        Assert.Equal(t0 + 3, third.ResetAtUnixSeconds);

        // 1.5 s later 8.5 tokens: 1.5 s to go, announced as 2 whole seconds from second t0 + 1.
        var peek = bucket.Peek(At(1.5));
        Assert.Equal(8, peek.Remaining);
        Assert.Equal(2, peek.SecondsUntilFull);
        Assert.Equal(t0 + 3, peek.ResetAtUnixSeconds);

        var full = bucket.Peek(At(60));
        Assert.Equal(10, full.Remaining);
        Assert.Equal(0, full.SecondsUntilFull);
        Assert.Equal(t0 + 60, full.ResetAtUnixSeconds);
    }

    [Fact]
    public void An_empty_bucket_is_full_after_burst_over_rate_seconds()
    {
        var free = Exhausted(Free).Peek(T0);
        var pro = Exhausted(Pro).Peek(T0);

        Assert.Equal(10, free.SecondsUntilFull);
        Assert.Equal(Free.SecondsToFill, free.SecondsUntilFull);
        Assert.Equal(5, pro.SecondsUntilFull);
        Assert.Equal(Pro.SecondsToFill, pro.SecondsUntilFull);
        Assert.Equal(T0.ToUnixTimeSeconds() + 5, pro.ResetAtUnixSeconds);
    }

    [Fact]
    public void Rejected_requests_take_no_token()
    {
        var bucket = Exhausted(Free);

        for (var i = 0; i < 50; i++)
            Assert.False(bucket.TryConsume(At(0.01 * i)).Allowed);

        // Exactly the one token earned by second 1, as if nothing had been rejected.
        Assert.True(bucket.TryConsume(At(1)).Allowed);
        Assert.False(bucket.TryConsume(At(1)).Allowed);
    }

    [Fact]
    public void Peek_takes_no_token()
    {
        var bucket = new TokenBucket(Free, T0);

        for (var i = 0; i < 20; i++)
            Assert.Equal(10, bucket.Peek(T0).Remaining);

        Assert.Equal(9, bucket.TryConsume(T0).Remaining);
    }

    [Fact]
    public void A_policy_change_keeps_the_earned_tokens_up_to_the_new_burst()
    {
        var bucket = new TokenBucket(Pro, T0);
        for (var i = 0; i < 44; i++)
            bucket.TryConsume(T0);

        bucket.Apply(Free, T0);
        var downgraded = bucket.Peek(T0);
        Assert.Equal(6, downgraded.Remaining);
        Assert.Equal(Free, downgraded.Policy);

        bucket.Apply(new RateLimitPolicy(60, 3), T0);
        Assert.Equal(3, bucket.Peek(T0).Remaining);

        // Upgrading keeps the 3 tokens and refills at the new rate from then on: 100/s for 0.5 s.
        bucket.Apply(new RateLimitPolicy(6000, 100), T0);
        Assert.Equal(3, bucket.Peek(T0).Remaining);
        Assert.Equal(53, bucket.Peek(At(0.5)).Remaining);
        Assert.Equal(100, bucket.Peek(At(10)).Remaining);
    }

    [Fact]
    public void A_policy_change_counts_the_tokens_earned_under_the_old_rate_first()
    {
        var bucket = Exhausted(Free);

        // 5 s at 60/min earned 5 tokens before the switch; the new rate applies only afterwards.
        bucket.Apply(new RateLimitPolicy(6000, 100), At(5));

        Assert.Equal(5, bucket.Peek(At(5)).Remaining);
    }

    [Fact]
    public void Each_key_has_its_own_bucket_and_a_policy_change_reaches_the_existing_ones()
    {
        var buckets = new KeyBuckets();
        for (var i = 0; i < 10; i++)
            Assert.True(buckets.TryConsume("cred_a", Free, T0).Allowed);

        Assert.False(buckets.TryConsume("cred_a", Free, T0).Allowed);
        Assert.True(buckets.TryConsume("cred_b", Free, T0).Allowed);

        // The first call under the new policy (for any key) moves every bucket to it: 0.1 token earned at 60/min,
        // then 100/s, so cred_a holds 10.1 tokens 0.1 s later.
        var upgraded = new RateLimitPolicy(6000, 100);
        Assert.Equal(upgraded, buckets.Peek("cred_b", upgraded, At(0.1)).Policy);
        var next = buckets.TryConsume("cred_a", upgraded, At(0.2));
        Assert.True(next.Allowed);
        Assert.Equal(upgraded, next.Policy);
        Assert.Equal(9, next.Remaining);

        buckets.Forget("cred_a");
        Assert.Equal(100, buckets.Peek("cred_a", upgraded, At(0.1)).Remaining);
    }
}
