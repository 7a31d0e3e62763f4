using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Synap.Api.Authentication;

/// <summary>
/// Counts refused keys per remote address in a fixed window. Once an address has used up its failures, its
/// requests with keys this node does not already know are answered 429 before any lookup, so guessing keys
/// costs the cluster nothing. Idle partitions are dropped by the partitioned limiter itself.
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public FailedAuthenticationLimiter(IOptions<AbuseLimitOptions> options)
    {
        var limits = options.Value;
        Limit = limits.FailedAuthenticationsPerWindow;
        Window = limits.Window;
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Limit, Window = Window, QueueLimit = 0 }));
    }

    public int Limit { get; }

    private TimeSpan Window { get; }

    /// <summary>Null while the address may still fail; otherwise how long until its window ends.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        // Zero permits asks without taking any.
        using var lease = limiter.AttemptAcquire(address, 0);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
    }

    public void RecordFailure(string address)
    {
        using var lease = limiter.AttemptAcquire(address);
    }

    public void Dispose() => limiter.Dispose();
}
