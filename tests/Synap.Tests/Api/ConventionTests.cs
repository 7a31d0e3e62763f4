using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §1: correlation ids, error bodies, ids in paths, body limits, media types and JSON reading.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConventionTests(ClusterFixture cluster)
{
    private const string GeneratedCorrelationId = "^req_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task Every_kind_of_response_carries_a_fresh_generated_correlation_id()
    {
        var clientId = await Scenario.CreateClientAsync();
        var responses = new Dictionary<string, ApiResponse>
        {
            ["200"] = await api.Get($"/dashboard/clients/{clientId}"),
            ["201"] = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName() }),
            ["400"] = await api.Get("/dashboard/clients?page=0"),
            ["401"] = await api.Get("/dashboard/clients", key: null),
            ["401 invalid key"] = await api.Get("/dashboard/clients", ApiKeyFormat.Generate()),
            ["403"] = await api.Delete($"/dashboard/clients/{clientId}", await Scenario.CreateClientKeyAsync(clientId)),
            ["404 resource"] = await api.Get("/dashboard/clients/cli_0000000000000009"),
            ["404 route"] = await api.Get("/no/such/route"),
            ["405"] = await api.Send(HttpMethod.Put, "/dashboard/clients", SynapApiFactory.AdminKey, "{}"),
            ["413"] = await api.Post("/dashboard/clients", new string(' ', RequestBodyLimit + 1)),
            ["415"] = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey, "name=x", "text/plain"),
            ["health"] = await api.Get("/health/live", key: null),
            ["openapi"] = await api.Get("/openapi/v1.json", key: null),
        };

        foreach (var (kind, response) in responses)
            Assert.True(response.Header("X-Correlation-Id") is { } id && System.Text.RegularExpressions.Regex.IsMatch(id, GeneratedCorrelationId),
                $"{kind}: X-Correlation-Id is '{response.Header("X-Correlation-Id")}'");
        Assert.Equal(responses.Count, responses.Values.Select(r => r.Header("X-Correlation-Id")).Distinct().Count());
    }

    public static TheoryData<string> AcceptedCorrelationIds => new()
    {
        "syn_abc123",
        "7",
        "Syn.trace:42_a-b",
        "syn_f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "a" + new string('b', 127),
    };

    [Theory]
    [MemberData(nameof(AcceptedCorrelationIds))]
    public async Task A_well_formed_caller_correlation_id_is_kept_on_success_and_on_errors(string id)
    {
        var success = await WithCorrelationId(id, "/health/live", key: null);
        var refused = await WithCorrelationId(id, "/dashboard/clients", key: null);
        var notFound = await WithCorrelationId(id, "/no/such/route", SynapApiFactory.AdminKey);

        Assert.Equal(id, success.Header("X-Correlation-Id"));
        Assert.Equal(id, refused.Header("X-Correlation-Id"));
        Assert.Equal(id, notFound.Header("X-Correlation-Id"));
    }

    public static TheoryData<string> ReplacedCorrelationIds => new()
    {
        "has spaces in it",
        "a" + new string('b', 128),
        new string('x', 200),
        "-leading-dash",
        "_leading_underscore",
        ".leading.dot",
        "syn/slash",
        "syn;semicolon",
        "syn,comma",
        "\"quoted\"",
        "",
    };

    [Theory]
    [MemberData(nameof(ReplacedCorrelationIds))]
    public async Task A_malformed_caller_correlation_id_is_replaced_by_a_generated_one(string id)
    {
        var response = await WithCorrelationId(id, "/health/live", key: null);

        Assert.Matches(GeneratedCorrelationId, response.Header("X-Correlation-Id"));
    }

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/dashboard/clientz")]
    [InlineData("/dashboard/clients/cli_0000000000000001/unknown")]
    [InlineData("/api/v2/anything")]
    public async Task An_unknown_route_is_a_json_not_found(string path)
    {
        var response = await api.Get(path);

        ApiExpect.Error(response, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Error_and_success_bodies_are_sent_as_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        using var notFound = await api.Http.SendAsync(request);
        using var ok = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health/live"));

        Assert.Equal("application/json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_method_the_route_does_not_have_is_a_json_405_naming_the_allowed_methods()
    {
        var response = await api.Send(HttpMethod.Put, "/dashboard/clients", SynapApiFactory.AdminKey, "{}");
        using var raw = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/dashboard/clients"));

        ApiExpect.Error(response, 405, "METHOD_NOT_ALLOWED");
        Assert.Equal(405, (int)raw.StatusCode);
        Assert.Contains("GET", raw.Content.Headers.Allow);
        Assert.Contains("POST", raw.Content.Headers.Allow);
    }

    public static TheoryData<string, string, string, string> MalformedIds => new()
    {
        { "GET", "/dashboard/clients/abc", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/clients/cli_ABCDEF0123456789", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/clients/cli_0123456789abcde", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/clients/cli_0123456789abcdef0", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/clients/inst_0123456789abcdef", "INVALID_CLIENT_ID", "client_id" },
        { "PATCH", "/dashboard/clients/cli_xyz", "INVALID_CLIENT_ID", "client_id" },
        { "DELETE", "/dashboard/clients/cli_xyz", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/clients/cli_xyz/api-keys", "INVALID_CLIENT_ID", "client_id" },
        { "POST", "/dashboard/clients/cli_xyz/api-keys", "INVALID_CLIENT_ID", "client_id" },
        { "DELETE", "/dashboard/clients/cli_xyz/api-keys/cred_000000000000", "INVALID_CLIENT_ID", "client_id" },
        { "DELETE", "/dashboard/clients/cli_0000000000000001/api-keys/cred_xyz", "INVALID_INPUT", "credential_id" },
        { "DELETE", "/dashboard/clients/cli_0000000000000001/api-keys/cred_0000000000000", "INVALID_INPUT", "credential_id" },
        { "GET", "/dashboard/instances?client_id=cli_xyz", "INVALID_CLIENT_ID", "client_id" },
        { "POST", "/dashboard/instances?client_id=nope", "INVALID_CLIENT_ID", "client_id" },
        { "GET", "/dashboard/instances/inst_xyz", "INVALID_INSTANCE_ID", "instance_id" },
        { "GET", "/dashboard/instances/cli_0123456789abcdef", "INVALID_INSTANCE_ID", "instance_id" },
        { "PATCH", "/dashboard/instances/inst_XYZ", "INVALID_INSTANCE_ID", "instance_id" },
        { "DELETE", "/dashboard/instances/inst_", "INVALID_INSTANCE_ID", "instance_id" },
        { "GET", "/dashboard/instances/inst_xyz/api-keys", "INVALID_INSTANCE_ID", "instance_id" },
        { "POST", "/instances/inst_xyz/memory-architecture/init", "INVALID_INSTANCE_ID", "instance_id" },
        { "GET", "/instances/inst_xyz/memory-architecture", "INVALID_INSTANCE_ID", "instance_id" },
    };

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task A_malformed_id_in_a_path_or_query_is_a_400_naming_the_field(string method, string path, string code, string field)
    {
        var response = await api.Send(new HttpMethod(method), path, SynapApiFactory.AdminKey, method is "POST" or "PATCH" ? "{}" : null);

        Assert.Equal(field, ApiExpect.Error(response, 400, code).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_empty_listing_has_zero_total_pages()
    {
        var clientId = await Scenario.CreateClientAsync();

        var list = await api.Get($"/dashboard/instances?client_id={clientId}&page_size=5");

        ApiExpect.Status(list, 200);
        Assert.Equal(0, list.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(0, list.Json.GetProperty("total").GetInt32());
        Assert.Equal(0, list.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal(1, list.Json.GetProperty("page").GetInt32());
        Assert.Equal(5, list.Json.GetProperty("page_size").GetInt32());
    }

    [Fact]
    public async Task A_missing_client_id_query_is_invalid_input()
    {
        ApiExpect.InvalidInput(await api.Get("/dashboard/instances"), "client_id");
        ApiExpect.InvalidInput(await api.Post("/dashboard/instances?client_id=", new { name = "x", agent_type = "support" }), "client_id");
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_payload_too_large()
    {
        var tooLarge = new string(' ', RequestBodyLimit + 1);

        var withLength = await api.Post("/dashboard/clients", tooLarge);
        var patched = await api.Patch("/dashboard/clients/cli_0000000000000001", tooLarge);
        var keys = await api.Post("/dashboard/clients/cli_0000000000000001/api-keys", tooLarge);

        ApiExpect.Error(withLength, 413, "PAYLOAD_TOO_LARGE");
        ApiExpect.Error(patched, 413, "PAYLOAD_TOO_LARGE");
        ApiExpect.Error(keys, 413, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task A_chunked_body_over_1_MiB_without_a_length_is_payload_too_large()
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"name": "{{Scenario.UniqueName()}}", "description": "{{new string('d', RequestBodyLimit)}}"}""");

        var response = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey, configure: request =>
        {
            request.Content = new StreamContent(new UnknownLengthStream(bytes));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = true;
        });

        ApiExpect.Error(response, 413, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_of_exactly_1_MiB_is_accepted()
    {
        var json = $$"""{"name": "{{Scenario.UniqueName()}}"}""";
        var body = json + new string(' ', RequestBodyLimit - Encoding.UTF8.GetByteCount(json));

        var response = await api.Post("/dashboard/clients", body);

        ApiExpect.Status(response, 201);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData("application/jsonp")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_declared_json_is_unsupported_media_type(string contentType)
    {
        var name = Scenario.UniqueName();
        var body = JsonSerializer.Serialize(new { name });

        var create = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey, body, contentType);
        var patch = await api.Send(HttpMethod.Patch, "/dashboard/clients/cli_0000000000000001", SynapApiFactory.AdminKey, body, contentType);

        ApiExpect.Error(create, 415, "UNSUPPORTED_MEDIA_TYPE");
        ApiExpect.Error(patch, 415, "UNSUPPORTED_MEDIA_TYPE");
        ApiExpect.Status(await api.Post("/dashboard/clients", new { name }), 201);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_unsupported_media_type()
    {
        var response = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey,
            configure: request => request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name": "x"}""")));

        ApiExpect.Error(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_media_types_with_parameters_or_a_json_suffix_are_accepted(string contentType)
    {
        var response = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey,
            JsonSerializer.Serialize(new { name = Scenario.UniqueName() }), contentType);

        ApiExpect.Status(response, 201);
    }

    [Theory]
    [InlineData("""{"name": """)]
    [InlineData("""{name: "acme"}""")]
    [InlineData("""{'name': 'acme'}""")]
    [InlineData("""{"name": "acme",}""")]
    [InlineData("""{"name": "acme"} {"name": "again"}""")]
    [InlineData("""{/* comment */ "name": "acme"}""")]
    [InlineData("""[{"name": "acme"}]""")]
    [InlineData("\"acme\"")]
    [InlineData("null")]
    [InlineData("   ")]
    public async Task A_body_that_is_not_a_json_object_is_invalid_input_naming_the_body(string body)
    {
        var response = await api.Post("/dashboard/clients", body);

        ApiExpect.InvalidInput(response, "body");
    }

    [Fact]
    public async Task A_body_that_is_not_valid_utf8_is_invalid_input_naming_the_body()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        var response = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey, configure: request =>
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        });

        ApiExpect.InvalidInput(response, "body");
    }

    [Theory]
    [InlineData("name", """{"name": "broken \ud800 text"}""")]
    [InlineData("description", """{"name": "NAME", "description": "broken \udfff"}""")]
    [InlineData("context", """{"name": "NAME", "context": {"\ud83d": 1}}""")]
    public async Task A_string_holding_a_lone_surrogate_escape_is_invalid_input_naming_the_field(string field, string body)
    {
        body = body.Replace("NAME", Scenario.UniqueName());

        var response = await api.Post("/dashboard/clients", body);

        ApiExpect.InvalidInput(response, field);
    }

    [Fact]
    public async Task An_empty_body_where_one_is_required_is_invalid_input()
    {
        var response = await api.Send(HttpMethod.Post, "/dashboard/clients", SynapApiFactory.AdminKey, configure: request =>
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        });

        ApiExpect.InvalidInput(response, "body");
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "POST", """{"name": "N", "website": 1}""", "website" },
        { "POST", """{"name": "N", "description": ["a"]}""", "description" },
        { "POST", """{"name": "N", "context": "{}"}""", "context" },
        { "POST", """{"name": "N", "tier": {"name": "pro"}}""", "tier" },
        { "POST", """{"name": "N", "tier": "enterprise", "rate_limit_per_minute": "60", "burst": 5}""", "rate_limit_per_minute" },
        { "PATCH", """{"name": false}""", "name" },
        { "PATCH", """{"website": {}}""", "website" },
        { "PATCH", """{"description": 12}""", "description" },
        { "PATCH", """{"context": true}""", "context" },
        { "PATCH", """{"status": ["inactive"]}""", "status" },
        { "PATCH", """{"tier": 1}""", "tier" },
        { "PATCH", """{"burst": 2.5}""", "burst" },
        { "KEY", """{"label": ["a"]}""", "label" },
        { "KEY", """{"expires_at": true}""", "expires_at" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_field_of_the_wrong_type_is_invalid_input_naming_the_field(string route, string body, string field)
    {
        var clientId = await Scenario.CreateClientAsync();
        body = body.Replace("\"N\"", $"\"{Scenario.UniqueName()}\"");

        var response = route switch
        {
            "POST" => await api.Post("/dashboard/clients", body),
            "PATCH" => await api.Patch($"/dashboard/clients/{clientId}", body),
            _ => await api.Post($"/dashboard/clients/{clientId}/api-keys", body),
        };

        ApiExpect.InvalidInput(response, field);
    }

    [Fact]
    public async Task Unknown_and_server_owned_fields_in_a_create_body_are_ignored()
    {
        var name = Scenario.UniqueName();

        var created = await api.Post("/dashboard/clients", new
        {
            name,
            client_id = "cli_0123456789abcdef",
            status = "inactive",
            instances_count = 99,
            created_at = "2001-01-01T00:00:00Z",
            favourite_colour = "teal",
            nested = new { deep = new[] { 1, 2 } },
        });

        ApiExpect.Status(created, 201);
        Assert.NotEqual("cli_0123456789abcdef", created.Str("client_id"));
        Assert.Equal("active", created.Str("status"));
        Assert.Equal(0, created.Json.GetProperty("instances_count").GetInt32());
        Assert.NotEqual("2001-01-01T00:00:00Z", created.Str("created_at"));
        Assert.False(created.Json.TryGetProperty("favourite_colour", out _));
    }

    [Fact]
    public async Task Unknown_fields_in_a_patch_change_nothing()
    {
        var clientId = await Scenario.CreateClientAsync();
        var before = await api.Get($"/dashboard/clients/{clientId}");

        var patched = await api.Patch($"/dashboard/clients/{clientId}", new { instances_count = 7, created_at = "2001-01-01T00:00:00Z", colour = "red" });

        ApiExpect.Status(patched, 200);
        Assert.Equal(before.Text, patched.Text);
    }

    [Fact]
    public async Task A_key_chosen_by_the_caller_is_ignored_and_a_fresh_one_is_issued()
    {
        var clientId = await Scenario.CreateClientAsync();
        var chosen = ApiKeyFormat.Generate();

        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "mine", api_key = chosen, credential_id = "cred_0123456789ab" });

        ApiExpect.Status(created, 201);
        Assert.NotEqual(chosen, created.Str("api_key"));
        Assert.NotEqual("cred_0123456789ab", created.Str("credential_id"));
        ApiExpect.Error(await api.Get($"/dashboard/clients/{clientId}", chosen), 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task The_openapi_document_is_served_without_a_key_and_describes_the_client_routes()
    {
        var response = await api.Get("/openapi/v1.json", key: null);

        ApiExpect.Status(response, 200);
        Assert.StartsWith("3.", response.Str("openapi"));
        var paths = response.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/dashboard/clients", paths);
        Assert.Contains(paths, p => p.StartsWith("/dashboard/clients/{", StringComparison.Ordinal) && p.EndsWith("}/api-keys", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/dashboard/instances", StringComparison.Ordinal));
    }

    private const int RequestBodyLimit = 1024 * 1024;

    private Task<ApiResponse> WithCorrelationId(string id, string path, string? key) =>
        api.Send(HttpMethod.Get, path, key, configure: request => request.Headers.TryAddWithoutValidation("X-Correlation-Id", id));

    /// <summary>A readable stream that hides its length, so the request goes out chunked without <c>Content-Length</c>.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
