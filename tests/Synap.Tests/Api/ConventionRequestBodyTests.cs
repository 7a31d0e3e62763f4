using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §1 request bodies: the 1 MiB limit, JSON media types, malformed JSON, wrong field types and unknown fields.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConventionRequestBodyTests(ClusterFixture cluster)
{
    private const int RequestBodyLimit = 1024 * 1024;

    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

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

    /// <summary>A readable stream that hides its length, so the request goes out chunked without <c>Content-Length</c>.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
