using Synap.Api.Errors;

namespace Synap.Api.Idempotency;

/// <summary>The <c>Idempotency-Key</c> request header of API.md §8: 1–255 printable ASCII characters.</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>The key; (null, null) when the header is absent; or the error to send for a malformed one.</summary>
    public static (string? Key, ErrorResult? Error) Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Name, out var values))
            return (null, null);
        if (values.Count != 1)
            return (null, Invalid("must be sent once"));
        var key = values[0] ?? "";
        if (key.Length is 0 or > MaxLength)
            return (null, Invalid($"must be 1-{MaxLength} characters"));
        if (!key.All(c => c is >= '\x20' and <= '\x7E'))
            return (null, Invalid("must be printable ASCII"));
        return (key, null);
    }

    private static ErrorResult Invalid(string reason) => ErrorResult.InvalidInput(Name, reason);
}
