using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Synap.Tests.Infrastructure;

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers, string Text)
{
    public int Code => (int)Status;

    /// <summary>The <c>code</c> of an API.md error body.</summary>
    public string? ErrorCode => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public string Str(string property) => Json.GetProperty(property).GetString()!;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public override string ToString() => $"{Code} {Text}";
}
