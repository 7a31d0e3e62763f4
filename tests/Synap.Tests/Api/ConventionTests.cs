using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §1: correlation ids, error bodies, unknown routes and methods, ids in paths, empty listings, OpenAPI.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConventionTests(ClusterFixture cluster)
{
    private const string GeneratedCorrelationId = "^req_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private const int RequestBodyLimit = 1024 * 1024;

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

    private Task<ApiResponse> WithCorrelationId(string id, string path, string? key) =>
        api.Send(HttpMethod.Get, path, key, configure: request => request.Headers.TryAddWithoutValidation("X-Correlation-Id", id));
}
