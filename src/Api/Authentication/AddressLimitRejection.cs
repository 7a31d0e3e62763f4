using System.Globalization;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Authentication;

/// <summary>The API.md §3 answer when a remote address used up one of its limits: 429 with <c>Retry-After</c>.</summary>
public static class AddressLimitRejection
{
    public static ErrorResult Of(HttpResponse response, string message, int limit, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ErrorResult.Of(ErrorCodes.RateLimitExceeded, message, ("limit", limit), ("remaining", 0), ("retry_after", seconds));
    }
}
