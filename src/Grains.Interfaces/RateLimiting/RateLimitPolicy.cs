namespace Synap.Grains.Interfaces.RateLimiting;

/// <summary>A key's token bucket (API.md §3): capacity <see cref="Burst"/>, refilled continuously at <see cref="PerMinute"/> per minute.</summary>
[GenerateSerializer, Immutable, Alias("synap.rate-limit-policy.v1")]
public sealed record RateLimitPolicy([property: Id(0)] int PerMinute, [property: Id(1)] int Burst)
{
    public double TokensPerSecond => PerMinute / 60.0;

    /// <summary>Seconds an empty bucket takes to fill up.</summary>
    public int SecondsToFill => (int)Math.Ceiling(Burst / TokensPerSecond);
}
