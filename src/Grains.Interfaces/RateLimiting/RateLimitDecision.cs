namespace Synap.Grains.Interfaces.RateLimiting;

/// <summary>One bucket decision and everything the rate-limit headers of API.md §3 need.</summary>
[GenerateSerializer, Immutable, Alias("synap.rate-limit-decision.v1")]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] RateLimitPolicy Policy,
    [property: Id(2)] int Remaining,
    [property: Id(3)] long ResetAtUnixSeconds,
    [property: Id(4)] int SecondsUntilFull,
    [property: Id(5)] int RetryAfterSeconds);
