using System.Net.Http.Headers;
using System.Text.Json;

namespace Synap.Faults;

/// <summary>
/// What a careful client does: retries with jittered exponential backoff on 5xx, 429, a create whose
/// <c>Idempotency-Key</c> is still held (409 IDEMPOTENCY_KEY_IN_USE), a bundle whose agent is reconnecting
/// (409 LISTENING_NOT_ACTIVE) and connection errors; after a connection error
/// it fails over to the other API node. Other 4xx answers are final. Every attempt is recorded.
/// </summary>
public sealed class ResilientCaller(IReadOnlyList<ApiNode> apis, OperationLog? log)
{
    /// <summary>How long a caller keeps retrying one operation.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>A create whose key is held by a request that died with its API node waits out the 60 s idempotency lease.</summary>
    public static readonly TimeSpan IdempotencyLeaseBudget = TimeSpan.FromSeconds(75);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    public async Task<CallResult> SendAsync(string kind, ApiNode home, string bearer, Func<HttpRequestMessage> makeRequest)
    {
        var attempts = new List<Attempt>();
        var start = Clock.Now;
        var node = home;
        var budget = Budget;
        CallResult result;
        for (var attempt = 0; ; attempt++)
        {
            var (outcome, retry, failOver) = await AttemptAsync(node, bearer, makeRequest, attempts);
            result = outcome;
            if (!retry)
                break;
            if (outcome.Failure == "IDEMPOTENCY_KEY_IN_USE")
                budget = IdempotencyLeaseBudget;
            if (Clock.Now - start > budget.TotalSeconds)
            {
                result = result with { Failure = $"gave up after {attempts.Count} attempts: {outcome.Failure}" };
                break;
            }
            if (failOver)
                node = apis.First(a => a != node);
            await Task.Delay(Backoff(attempt));
        }
        log?.Add(new OperationRecord(kind, home.Name, start, Clock.Now, result.Succeeded, result.Failure, attempts));
        return result;
    }

    private static async Task<(CallResult Result, bool Retry, bool FailOver)> AttemptAsync(
        ApiNode node, string bearer, Func<HttpRequestMessage> makeRequest, List<Attempt> attempts)
    {
        var start = Clock.Now;
        using var request = makeRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        try
        {
            using var response = await node.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var end = Clock.Now;
            var code = status is >= 200 and < 300 ? null : ErrorCode(body);
            attempts.Add(new Attempt(node.Name, start, end, status, code, response.Headers.RetryAfter is not null, node.IsTakenDownAt(end)));
            if (status is >= 200 and < 300)
                return (new CallResult(true, status, body, null), false, false);
            // LISTENING_NOT_ACTIVE: a bundle's agent is reconnecting (its node stopped or died); a publisher tries again.
            var retry = status >= 500 || status == 429 || code is "IDEMPOTENCY_KEY_IN_USE" or "LISTENING_NOT_ACTIVE";
            return (new CallResult(false, status, body, code ?? $"HTTP {status}"), retry, false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            var end = Clock.Now;
            var error = e is TaskCanceledException ? "timeout" : e.GetBaseException().Message;
            attempts.Add(new Attempt(node.Name, start, end, 0, error, false, node.IsTakenDownAt(end)));
            return (new CallResult(false, 0, "", error), true, true);
        }
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
