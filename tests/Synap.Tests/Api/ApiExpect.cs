using System.Globalization;
using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>Assertions on what a REST user reads: the status, the API.md error body and its details, UTC times.</summary>
public static class ApiExpect
{
    /// <summary>Asserts the status and an API.md error body <c>{error, code, details}</c>; returns <c>details</c>.</summary>
    public static JsonElement Error(ApiResponse response, int status, string code)
    {
        Assert.True(response.Code == status && response.ErrorCode == code, $"expected {status} {code}, got {response}");
        ErrorBody(response);
        return response.Json.GetProperty("details");
    }

    /// <summary>Asserts a 400 <c>INVALID_INPUT</c> naming <paramref name="field"/> in <c>details.field</c>.</summary>
    public static void InvalidInput(ApiResponse response, string field)
    {
        var details = Error(response, 400, "INVALID_INPUT");
        Assert.True(details.TryGetProperty("field", out var named) && named.GetString() == field, $"expected details.field '{field}', got {response}");
    }

    /// <summary>The shape every error shares: a JSON object with a non-empty message, a code and an object of details.</summary>
    public static void ErrorBody(ApiResponse response)
    {
        Assert.True(response.Json.ValueKind == JsonValueKind.Object, $"error body is not a JSON object: {response}");
        Assert.True(response.Json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            && error.GetString()!.Length > 0, $"error body without a message: {response}");
        Assert.True(response.Json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            && code.GetString()!.Length > 0, $"error body without a code: {response}");
        Assert.True(response.Json.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object,
            $"error body without a details object: {response}");
    }

    public static string? Detail(ApiResponse response, string name) =>
        response.Json.GetProperty("details").TryGetProperty(name, out var value) ? value.GetString() : null;

    public static void Status(ApiResponse response, int status) => Assert.True(response.Code == status, $"expected {status}, got {response}");

    /// <summary>An API.md time: ISO 8601 UTC ending in <c>Z</c>; returns it parsed.</summary>
    public static DateTimeOffset UtcTime(JsonElement value)
    {
        var text = value.GetString();
        Assert.NotNull(text);
        Assert.EndsWith("Z", text);
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time), $"not a time: {text}");
        return time;
    }
}
