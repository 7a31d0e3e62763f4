using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// Weird bodies, paths and headers thrown at every client-facing route. Whatever comes in, the answer is never
/// a 5xx, always carries a correlation id, and every error is the API.md JSON error body without internals.
/// Each table runs in one test and reports every offending case at once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileInputTests(ClusterFixture cluster)
{
    private readonly HttpClient http = cluster.Api1.CreateClient();

    private Scenario Scenario => new(new ApiCaller(http));

    private static readonly (string Name, Func<string, byte[]> Body)[] Bodies =
    [
        ("deeply nested objects", name => Utf8($$"""{"name": "{{name}}", "context": {{Nested("{\"a\": ", "}", 5000)}}}""")),
        ("deeply nested arrays", _ => Utf8(Nested("[", "]", 100_000))),
        ("nesting just over the depth limit", name => Utf8($$"""{"name": "{{name}}", "context": {{Nested("{\"a\": ", "}", 70)}}}""")),
        ("huge numbers", name => Utf8($$"""{"name": "{{name}}", "tier": "enterprise", "rate_limit_per_minute": 1e400, "burst": 123456789012345678901234567890}""")),
        ("a number of ten thousand digits", name => Utf8($$"""{"name": "{{name}}", "burst": 1{{new string('0', 10_000)}}, "label": 1{{new string('0', 10_000)}}}""")),
        ("negative zero and exponents", name => Utf8($$"""{"name": "{{name}}", "tier": "enterprise", "rate_limit_per_minute": 1E2, "burst": -0}""")),
        ("nulls everywhere", _ => Utf8("""
            {"name": null, "website": null, "description": null, "context": null, "tier": null, "status": null,
             "rate_limit_per_minute": null, "burst": null, "label": null, "expires_at": null, "agent_type": null,
             "metadata": null, "parent_instance_id": null, "config": null, "use_case_markdown": null}
            """)),
        ("arrays instead of values", _ => Utf8("""
            {"name": ["x"], "context": [], "metadata": [], "label": [], "expires_at": [], "config": [], "status": [], "agent_type": []}
            """)),
        ("objects instead of strings", _ => Utf8("""{"name": {}, "agent_type": {}, "status": {}, "tier": {}, "label": {}, "description": {}}""")),
        ("booleans instead of everything", _ => Utf8("""{"name": true, "context": false, "metadata": true, "burst": true, "expires_at": false}""")),
        ("unicode everywhere", name => Utf8($$"""
            {"name": "{{name}} 🚀 مرحبا \u200b\u202e ｆｕｌｌ", "description": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓", "label": "ключ",
             "agent_type": "support", "metadata": {"😀": "✓"}, "context": {"ключ": "值"} }
            """)),
        ("lone surrogate escapes", _ => Utf8("""
            {"name": "\ud800", "label": "\udfff", "agent_type": "\ud83d", "description": "x\ud800x", "status": "\udc00",
             "tier": "\ud800", "config": "\udc00", "website": "\ud800", "expires_at": "\ud800", "metadata": {"\ud800": "\udc00"}}
            """)),
        ("invalid UTF-8 in a context", name => [.. Utf8($$"""{"name": "{{name}}", "context": {"k": "ok"""), 0xFF, .. Utf8("\"}}")]),
        ("lone surrogates as keys", name => Utf8($$"""{"\ud800": 1, "name": "{{name}}", "\udc00x": {"\ud800": "\udfff"}, "label": "k"}""")),
        ("lone surrogate in a context", name => Utf8($$"""{"name": "{{name}}", "context": {"\ud800": "\udfff"} }""")),
        ("NUL characters", name => Utf8($$"""{"name": "{{name}}\u0000", "label": "\u0000", "config": "a: \u0000", "agent_type": "a\u0000"}""")),
        ("raw control characters", _ => Utf8("{\"name\": \"a\u0001b\", \"label\": \"\t\"}")),
        ("invalid UTF-8 bytes", _ => [.. Utf8("{\"name\": \""), 0xFF, 0xFE, 0xC3, .. Utf8("\", \"label\": \""), 0x80, .. Utf8("\"}")]),
        ("overlong UTF-8", _ => [.. Utf8("{\"name\": \""), 0xC0, 0xAF, 0xE0, 0x80, 0xAF, .. Utf8("\"}")]),
        ("a UTF-8 byte order mark", name => [0xEF, 0xBB, 0xBF, .. Utf8($$"""{"name": "{{name}}", "label": "bom"}""")]),
        ("UTF-16 text", name => Encoding.Unicode.GetBytes($$"""{"name": "{{name}}"}""")),
        ("a bare null", _ => Utf8("null")),
        ("a bare array", _ => Utf8("[]")),
        ("a bare string", _ => Utf8("\"{}\"")),
        ("a bare number", _ => Utf8("0")),
        ("an empty object", _ => Utf8("{}")),
        ("truncated JSON", name => Utf8($$"""{"name": "{{name}}", "context": {"a": [1, 2""")),
        ("a huge string", _ => Utf8($$"""{"name": "{{new string('n', 500_000)}}", "label": "{{new string('l', 400_000)}}"}""")),
        ("fifty thousand keys", _ => Utf8("{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":{i}")) + "}")),
        ("duplicate keys", name => Utf8($$"""{"name": "{{name}}", "name": "{{name}}-again", "label": "a", "label": 5}""")),
        ("prototype pollution keys", name => Utf8($$"""{"name": "{{name}}", "__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true} } }""")),
        ("times at the ends of the calendar", _ => Utf8("""{"expires_at": "9999-12-31T23:59:59.9999999-14:00", "label": "far"}""")),
        ("times before the calendar", _ => Utf8("""{"expires_at": "0001-01-01T00:00:00+14:00", "label": "early"}""")),
        ("a time with garbage", _ => Utf8("""{"expires_at": "2030-02-30T25:61:61Z", "label": "bad"}""")),
        ("a YAML bomb", _ => Utf8("""{"config": "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"}""")),
        ("YAML that is not a mapping", _ => Utf8("""{"config": "- just\n- a list\n", "use_case_markdown": "# x"}""")),
        ("YAML with tabs and garbage", _ => Utf8("{\"config\": \"\\t: : :\\n  - [\\n{{\"}")),
    ];

    [Fact]
    public async Task Hostile_bodies_on_every_route_never_cause_a_server_error()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var routes = new (string Method, string Path)[]
        {
            ("POST", "/dashboard/clients"),
            ("GET", "/dashboard/clients"),
            ("PATCH", $"/dashboard/clients/{clientId}"),
            ("POST", $"/dashboard/clients/{clientId}/api-keys"),
            ("POST", $"/dashboard/instances?client_id={clientId}"),
            ("PATCH", $"/dashboard/instances/{instanceId}"),
            ("POST", $"/dashboard/instances/{instanceId}/api-keys"),
            ("POST", $"/instances/{instanceId}/memory-architecture/init"),
        };
        var failures = new List<string>();

        foreach (var (name, body) in Bodies)
            foreach (var (method, path) in routes)
            {
                var response = await SendAsync(method, path, SynapApiFactory.AdminKey, body(Scenario.UniqueName()));
                Check($"{name} → {method} {path}", response, failures);
            }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join("\n", failures)}");
    }

    private static readonly string[] Paths =
    [
        "/dashboard/clients/%00",
        "/dashboard/clients/cli_%00",
        "/dashboard/clients/cli_000000000000000%00",
        "/dashboard/clients/cli_0000000000000001%00",
        "/dashboard/clients/..%2F..%2Fetc%2Fpasswd",
        "/dashboard/clients/%2e%2e/%2e%2e/health/live",
        "/dashboard/clients/../../etc/passwd",
        "/dashboard/clients/%FF%FE",
        "/dashboard/clients/%C0%AF",
        "/dashboard/clients/%",
        "/dashboard/clients/%%41%",
        "/dashboard/clients/%E2%80%AE",
        "/dashboard/clients/клиент",
        "/dashboard/clients/🚀",
        "/dashboard/clients/cli_0000000000000001%2Fapi-keys",
        "/dashboard/clients/cli_0000000000000001;drop",
        "/dashboard/clients/" + new string('a', 10_000),
        "/dashboard/" + string.Concat(Enumerable.Repeat("x/", 2_000)),
        "/dashboard/instances/inst_%20",
        "/dashboard/instances/inst_0000000000000001%0d%0aX-Injected:%201",
        "/dashboard/instances?client_id=%00",
        "/dashboard/instances?client_id=cli_0000000000000001&client_id=cli_0000000000000002",
        "/dashboard/instances?client_id=" + new string('c', 10_000),
        "/dashboard/instances?client_id=cli_0000000000000001&status=%FF&parent_instance_id=%00",
        "/dashboard/clients?page=%00&page_size=%FF",
        "/dashboard/clients?status=%00",
        "/dashboard/clients?status=active%00",
        "/dashboard/clients?page=1e3&page_size=0x10",
        "/dashboard/clients?page=%EF%BC%91",
        "/dashboard/clients?" + string.Join("&", Enumerable.Range(0, 2_000).Select(i => $"p{i}={i}")),
        "/instances/%00/memory-architecture/init",
        "/instances/inst_0000000000000001/memory-architecture/%2e%2e",
        "/dashboard/clients/cli_0000000000000001/api-keys/%00",
        "/dashboard/clients/cli_0000000000000001/api-keys/..%2F..",
        "/dashboard/clients/cli_0000000000000001/api-keys/cred_0000000000%FF",
        "//dashboard//clients//",
        "/DASHBOARD/CLIENTS",
        "/dashboard/clients/",
        "/%2e%2e/%2e%2e/%2e%2e/",
    ];

    [Fact]
    public async Task Hostile_paths_and_queries_never_cause_a_server_error()
    {
        var failures = new List<string>();
        var methods = new[] { "GET", "POST", "PATCH", "DELETE", "PUT" };

        foreach (var path in Paths)
            foreach (var method in methods)
            {
                var response = await SendAsync(method, path, SynapApiFactory.AdminKey, method is "GET" or "DELETE" ? null : Utf8("{}"));
                Check($"{method} {Shorten(path)}", response, failures);
            }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join("\n", failures)}");
    }

    private static readonly (string Name, Action<HttpRequest> Configure)[] Headers =
    [
        ("a 100 000 character bearer value", r => r.Headers.Authorization = "Bearer " + new string('k', 100_000)),
        ("a non-ASCII bearer value", r => r.Headers.Authorization = "Bearer synap_ключключключключключключключключключключключкл"),
        ("a bearer value with NUL", r => r.Headers.Authorization = "Bearer synap_\0"),
        ("a bearer value with CR LF", r => r.Headers.Authorization = "Bearer synap_x\r\nX-Admin: 1"),
        ("two authorization headers", r => r.Headers.Authorization = new StringValues(["Bearer " + SynapApiFactory.AdminKey, "Bearer other"])),
        ("an empty authorization header", r => r.Headers.Authorization = ""),
        ("Bearer with many spaces", r => r.Headers.Authorization = "Bearer      " + SynapApiFactory.AdminKey + "     "),
        ("a 100 000 character correlation id", r => r.Headers["X-Correlation-Id"] = new string('c', 100_000)),
        ("a correlation id with CR LF", r => r.Headers["X-Correlation-Id"] = "syn_a\r\nSet-Cookie: x=1"),
        ("two correlation ids", r => r.Headers["X-Correlation-Id"] = new StringValues(["syn_one", "syn_two"])),
        ("a garbled content type", r => r.ContentType = ";;;/;"),
        ("a JSON content type with a strange charset", r => r.ContentType = "application/json; charset=klingon"),
        ("a content type of only parameters", r => r.ContentType = "; charset=utf-8"),
        ("a content length larger than the body", r => r.ContentLength = 10_000),
        ("a content length smaller than the body", r => r.ContentLength = 1),
        ("a negative content length", r => r.Headers["Content-Length"] = "-5"),
        ("a content length that is not a number", r => r.Headers["Content-Length"] = "lots"),
        ("no content length", r => r.Headers.ContentLength = null),
    ];

    [Fact]
    public async Task Hostile_headers_never_cause_a_server_error()
    {
        var failures = new List<string>();
        var routes = new (string Method, string Path)[]
        {
            ("GET", "/dashboard/clients"),
            ("POST", "/dashboard/clients"),
            ("PATCH", "/dashboard/clients/cli_0000000000000001"),
            ("POST", "/dashboard/clients/cli_0000000000000001/api-keys"),
        };

        foreach (var (name, configure) in Headers)
            foreach (var (method, path) in routes)
            {
                var response = await SendAsync(method, path, key: null, method == "GET" ? null : Utf8("{}"), configure: configure);
                Check($"{name} → {method} {path}", response, failures);
            }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// Sends through the test server at the <see cref="HttpContext"/> level, so the path and headers reach the
    /// pipeline exactly as written: no dot-segment removal, re-escaping or header validation on the way.
    /// </summary>
    private async Task<Answer> SendAsync(string method, string path, string? key, byte[]? body = null, string? contentType = "application/json",
        Action<HttpRequest>? configure = null)
    {
        var query = path.IndexOf('?');
        var context = await cluster.Api1.Server.SendAsync(http =>
        {
            var request = http.Request;
            request.Method = method;
            // Decoded as a server would, but keeping what a server would refuse (NUL, invalid UTF-8), to see the pipeline cope.
            request.Path = new PathString(Uri.UnescapeDataString(query < 0 ? path : path[..query]));
            request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
            if (key is not null)
                request.Headers.Authorization = $"Bearer {key}";
            if (body is not null)
            {
                request.Body = new MemoryStream(body);
                request.ContentLength = body.Length;
                if (contentType is not null)
                    request.ContentType = contentType;
            }
            configure?.Invoke(request);
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        JsonElement json = default;
        try
        {
            if (text.Length > 0)
                json = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }
        return new Answer(context.Response.StatusCode, json, text, context.Response.Headers["X-Correlation-Id"].FirstOrDefault());
    }

    private sealed record Answer(int Code, JsonElement Json, string Text, string? CorrelationId)
    {
        public override string ToString() => $"{Code} {Text}";
    }

    private static void Check(string label, Answer response, List<string> failures)
    {
        string? problem = null;
        if (response.Code >= 500)
            problem = "server error";
        else if (response.CorrelationId is null)
            problem = "no X-Correlation-Id";
        else if (response.Code >= 400 && !IsErrorBody(response))
            problem = "not an API.md error body";
        else if (response.Code < 400 && response.Json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            problem = "success without a JSON body";
        else if (response.Text.Contains("   at ", StringComparison.Ordinal) || response.Text.Contains("Exception", StringComparison.Ordinal))
            problem = "internals leaked";
        if (problem is not null)
            failures.Add($"{label}: {problem}: {Shorten(response.ToString())}");
    }

    private static bool IsErrorBody(Answer response) =>
        response.Json.ValueKind == JsonValueKind.Object
        && response.Json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
        && response.Json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
        && response.Json.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}
