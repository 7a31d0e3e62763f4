using System.Globalization;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.RateLimiting;

namespace Synap.Api.Authentication;

/// <summary>The rate-limit headers of API.md §3 (classic <c>X-RateLimit-*</c> and the IETF draft pair), written in this one place.</summary>
public static class RateLimitHeaders
{
    public static void Add(HttpResponse response, RateLimitDecision decision)
    {
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = Text(decision.Policy.PerMinute);
        headers["X-RateLimit-Remaining"] = Text(decision.Remaining);
        headers["X-RateLimit-Reset"] = decision.ResetAtUnixSeconds.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = $"\"burst\";q={Text(decision.Policy.Burst)};w={Text(decision.Policy.SecondsToFill)}";
        headers["RateLimit"] = $"\"burst\";r={Text(decision.Remaining)};t={Text(decision.SecondsUntilFull)}";
        if (!decision.Allowed)
            headers.RetryAfter = Text(decision.RetryAfterSeconds);
    }

    public static ErrorResult Rejection(RateLimitDecision decision) =>
        ErrorResult.Of(ErrorCodes.RateLimitExceeded, "Rate limit exceeded for this API key",
            ("limit", decision.Policy.PerMinute), ("remaining", decision.Remaining), ("retry_after", decision.RetryAfterSeconds));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
