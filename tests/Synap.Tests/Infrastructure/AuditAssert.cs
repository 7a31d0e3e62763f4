using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Synap.Tests.Infrastructure;

/// <summary>Reads audit listings and checks entries field by field against API.md §9.</summary>
public static partial class AuditAssert
{
    public static string NewCorrelationId() => $"syn_audit_{Guid.NewGuid():N}";

    /// <summary>Sends a request carrying the given <c>X-Correlation-Id</c> and checks the API kept it.</summary>
    public static async Task<ApiResponse> SendAs(this ApiCaller api, string correlationId, HttpMethod method, string path,
        object? body = null, string key = SynapApiFactory.AdminKey)
    {
        var response = await api.Send(method, path, key, body, configure: r => r.Headers.Add("X-Correlation-Id", correlationId));
        Assert.Equal(correlationId, response.Header("X-Correlation-Id"));
        return response;
    }

    /// <summary>Every entry of a log (<c>/dashboard/clients/{id}</c> or <c>/dashboard/instances/{id}</c>), newest first.</summary>
    public static async Task<List<JsonElement>> EntriesAsync(this ApiCaller api, string resourcePath)
    {
        var response = await api.Get($"{resourcePath}/audit-log?page_size=100");
        Assert.True(response.Code == 200, response.ToString());
        return response.Json.GetProperty("data").EnumerateArray().ToList();
    }

    public static JsonElement Single(IEnumerable<JsonElement> entries, string action) =>
        Assert.Single(entries, e => e.GetProperty("action").GetString() == action);

    /// <summary>The envelope of one entry: id format, UTC time, actor, action, target and correlation id.</summary>
    public static void Entry(JsonElement entry, string action, string targetId, string actorType, string? credentialId, string? correlationId)
    {
        Assert.Equal(["action", "actor", "changes", "correlation_id", "id", "target_id", "timestamp"],
            entry.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches(AuditId(), entry.GetProperty("id").GetString());
        var timestamp = entry.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp);
        Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, out _), timestamp);
        Assert.Equal(action, entry.GetProperty("action").GetString());
        Assert.Equal(targetId, entry.GetProperty("target_id").GetString());
        Assert.Equal(actorType, entry.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal(credentialId, entry.GetProperty("actor").GetProperty("credential_id").GetString());
        Assert.Equal(correlationId, entry.GetProperty("correlation_id").GetString());
    }

    /// <summary>Exactly these fields changed, each from and to these JSON values (an object compares as JSON).</summary>
    public static void Changes(JsonElement entry, params (string Field, object? From, object? To)[] expected)
    {
        var changes = entry.GetProperty("changes");
        Assert.Equal(expected.Select(e => e.Field).Order(StringComparer.Ordinal),
            changes.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var (field, from, to) in expected)
        {
            var change = changes.GetProperty(field);
            Assert.Equal(["from", "to"], change.EnumerateObject().Select(p => p.Name));
            Json(from, change.GetProperty("from"), $"{field}.from");
            Json(to, change.GetProperty("to"), $"{field}.to");
        }
    }

    private static void Json(object? expected, JsonElement actual, string what)
    {
        var wanted = JsonSerializer.SerializeToElement(expected);
        Assert.True(JsonElement.DeepEquals(wanted, actual), $"{what}: expected {wanted.GetRawText()}, got {actual.GetRawText()}");
    }

    [GeneratedRegex("^aud_[0-9a-f]{16}$")]
    private static partial Regex AuditId();
}
