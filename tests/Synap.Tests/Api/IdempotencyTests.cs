using System.Net.Http.Headers;
using System.Text;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §8: <c>Idempotency-Key</c> on the create routes, through both API nodes of the real cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture cluster)
{
    private const string Header = "Idempotency-Key";
    private const string Replayed = "Idempotent-Replayed";

    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static Task<ApiResponse> PostWithKey(ApiCaller api, string path, object body, string idempotencyKey,
        string bearer = SynapApiFactory.AdminKey, string? correlationId = null) =>
        api.Send(HttpMethod.Post, path, bearer, body, configure: request =>
        {
            request.Headers.TryAddWithoutValidation(Header, idempotencyKey);
            if (correlationId is not null)
                request.Headers.Add("X-Correlation-Id", correlationId);
        });

    private static object Instance(string? name = null) => new { name = name ?? Scenario.UniqueName("agent"), agent_type = "support" };

    private async Task<int> ClientsTotal() => (await api1.Get("/dashboard/clients?page_size=1")).Json.GetProperty("total").GetInt32();

    private async Task<int> InstancesTotal(string clientId) =>
        (await api1.Get($"/dashboard/instances?client_id={clientId}")).Json.GetProperty("total").GetInt32();

    [Fact]
    public async Task Repeating_a_client_create_replays_the_first_response_on_both_api_nodes_and_creates_nothing()
    {
        var key = NewKey();
        var body = new { name = Scenario.UniqueName(), description = "idempotent" };
        var before = await ClientsTotal();

        var first = await PostWithKey(api1, "/dashboard/clients", body, key);
        var againOnNode1 = await PostWithKey(api1, "/dashboard/clients", body, key);
        var againOnNode2 = await PostWithKey(api2, "/dashboard/clients", body, key, correlationId: "syn_replay-1");

        Assert.Equal(201, first.Code);
        Assert.Null(first.Header(Replayed));
        foreach (var replay in new[] { againOnNode1, againOnNode2 })
        {
            Assert.Equal(201, replay.Code);
            Assert.Equal(first.Text, replay.Text);
            Assert.Equal("true", replay.Header(Replayed));
        }
        Assert.Equal("syn_replay-1", againOnNode2.Header("X-Correlation-Id"));
        Assert.Equal(before + 1, await ClientsTotal());
    }

    [Fact]
    public async Task Repeating_an_instance_create_replays_status_body_and_content_type_and_creates_nothing()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var key = NewKey();
        var body = Instance();

        var first = await PostWithKey(api2, $"/dashboard/instances?client_id={clientId}", body, key);
        using var replay = await RawPost(api1, $"/dashboard/instances?client_id={clientId}", body, key);

        Assert.Equal(201, first.Code);
        Assert.Equal(201, (int)replay.StatusCode);
        Assert.Equal(first.Text, await replay.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", replay.Content.Headers.ContentType?.ToString());
        Assert.Equal(["true"], replay.Headers.GetValues(Replayed));
        Assert.Equal(1, await InstancesTotal(clientId));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_or_query_is_IDEMPOTENCY_KEY_REUSED()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        var otherClientId = await scenario.CreateClientAsync();
        var key = NewKey();
        var name = Scenario.UniqueName("agent");
        Assert.Equal(201, (await PostWithKey(api1, $"/dashboard/instances?client_id={clientId}", Instance(name), key)).Code);

        var otherBody = await PostWithKey(api2, $"/dashboard/instances?client_id={clientId}", Instance(name + "-2"), key);
        var otherQuery = await PostWithKey(api1, $"/dashboard/instances?client_id={otherClientId}", Instance(name), key);

        foreach (var refused in new[] { otherBody, otherQuery })
        {
            Assert.Equal(409, refused.Code);
            Assert.Equal("IDEMPOTENCY_KEY_REUSED", refused.ErrorCode);
            Assert.Null(refused.Header(Replayed));
        }
        Assert.Equal(1, await InstancesTotal(clientId));
        Assert.Equal(0, await InstancesTotal(otherClientId));
    }

    [Fact]
    public async Task The_same_key_from_another_credential_is_independent()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        var clientKey1 = await scenario.CreateClientKeyAsync(clientId);
        var clientKey2 = await scenario.CreateClientKeyAsync(clientId);
        var key = NewKey();
        var path = $"/dashboard/instances?client_id={clientId}";

        var byAdmin = await PostWithKey(api1, path, Instance(), key);
        var byKey1 = await PostWithKey(api2, path, Instance(), key, clientKey1);
        var byKey2 = await PostWithKey(api1, path, Instance(), key, clientKey2);
        var byKey1Again = await PostWithKey(api1, path, Instance(), key, clientKey1);

        foreach (var created in new[] { byAdmin, byKey1, byKey2 })
        {
            Assert.Equal(201, created.Code);
            Assert.Null(created.Header(Replayed));
        }
        Assert.Equal(3, new[] { byAdmin, byKey1, byKey2 }.Select(r => r.Str("id")).Distinct().Count());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", byKey1Again.ErrorCode);
        Assert.Equal(3, await InstancesTotal(clientId));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_on_both_nodes_create_exactly_one_instance_and_never_fail()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var key = NewKey();
        var body = Instance();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PostWithKey(i % 2 == 0 ? api1 : api2, $"/dashboard/instances?client_id={clientId}", body, key)));

        Assert.All(responses, r => Assert.True(
            r.Code == 201 || r is { Code: 409, ErrorCode: "IDEMPOTENCY_KEY_IN_USE" }, r.ToString()));
        var created = responses.Where(r => r.Code == 201).ToList();
        Assert.Single(created, r => r.Header(Replayed) is null);
        Assert.All(created, r => Assert.Equal(created[0].Text, r.Text));
        Assert.Equal(1, await InstancesTotal(clientId));

        var afterwards = await PostWithKey(api2, $"/dashboard/instances?client_id={clientId}", body, key);
        Assert.Equal(201, afterwards.Code);
        Assert.Equal(created[0].Text, afterwards.Text);
        Assert.Equal("true", afterwards.Header(Replayed));
    }

    [Fact]
    public async Task A_NAME_CONFLICT_is_stored_and_replayed_even_once_the_name_is_free_again()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        var name = Scenario.UniqueName("agent");
        var blockingId = await scenario.CreateInstanceAsync(clientId, name);
        var key = NewKey();
        var path = $"/dashboard/instances?client_id={clientId}";

        var first = await PostWithKey(api1, path, Instance(name), key);
        Assert.Equal(200, (await api1.Delete($"/dashboard/instances/{blockingId}")).Code);
        var replay = await PostWithKey(api2, path, Instance(name), key);

        Assert.Equal("NAME_CONFLICT", first.ErrorCode);
        Assert.Equal(409, replay.Code);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("true", replay.Header(Replayed));
        Assert.Equal(201, (await api1.Post(path, Instance(name))).Code);
    }

    [Fact]
    public async Task An_INVALID_INPUT_answer_is_stored_and_replayed()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var key = NewKey();
        var body = new { name = Scenario.UniqueName("agent") };

        var first = await PostWithKey(api1, $"/dashboard/instances?client_id={clientId}", body, key);
        var replay = await PostWithKey(api2, $"/dashboard/instances?client_id={clientId}", body, key);

        Assert.Equal(400, first.Code);
        Assert.Equal("INVALID_INPUT", first.ErrorCode);
        Assert.Equal(400, replay.Code);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("true", replay.Header(Replayed));
    }

    [Theory]
    [InlineData("k", 256)]
    [InlineData("caf\u00e9", 1)]
    [InlineData("tab\tinside", 1)]
    [InlineData("delete\u007f", 1)]
    public async Task A_malformed_Idempotency_Key_is_INVALID_INPUT_and_creates_nothing(string text, int repeat)
    {
        var clientId = await new Scenario(api1).CreateClientAsync();

        var response = await PostWithKey(api1, $"/dashboard/instances?client_id={clientId}", Instance(), string.Concat(Enumerable.Repeat(text, repeat)));

        Assert.Equal(400, response.Code);
        Assert.Equal("INVALID_INPUT", response.ErrorCode);
        Assert.Equal("Idempotency-Key", response.Json.GetProperty("details").GetProperty("field").GetString());
        Assert.Equal(0, await InstancesTotal(clientId));
    }

    // Each key is used once per run: the cluster's database is new for every run.
    [Theory]
    [InlineData("k", 1)]
    [InlineData("k", 255)]
    [InlineData("with space ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}", 1)]
    public async Task A_key_of_1_to_255_printable_ASCII_characters_is_accepted(string text, int repeat)
    {
        var clientId = await new Scenario(api1).CreateClientAsync();

        var response = await PostWithKey(api1, $"/dashboard/instances?client_id={clientId}", Instance(), string.Concat(Enumerable.Repeat(text, repeat)));

        Assert.Equal(201, response.Code);
    }

    [Fact]
    public async Task Without_the_header_every_create_runs()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var path = $"/dashboard/instances?client_id={clientId}";

        var first = await api1.Post(path, Instance());
        var second = await api2.Post(path, Instance());

        Assert.Equal([201, 201], new[] { first.Code, second.Code });
        Assert.Null(second.Header(Replayed));
        Assert.Equal(2, await InstancesTotal(clientId));
    }

    [Fact]
    public async Task A_route_returning_a_secret_ignores_the_header_and_issues_a_new_key_each_time()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var key = NewKey();
        var path = $"/dashboard/clients/{clientId}/api-keys";

        var first = await PostWithKey(api1, path, new { label = "ci" }, key);
        var second = await PostWithKey(api2, path, new { label = "ci" }, key);

        Assert.Equal([201, 201], new[] { first.Code, second.Code });
        Assert.NotEqual(first.Str("api_key"), second.Str("api_key"));
        Assert.Null(second.Header(Replayed));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_header_on_idempotent_routes_only()
    {
        var document = await api1.Get("/openapi/v1.json", key: null);

        Assert.Equal(200, document.Code);
        Assert.True(HasKeyHeader(document, "/dashboard/clients"));
        Assert.True(HasKeyHeader(document, "/dashboard/instances"));
        Assert.False(HasKeyHeader(document, "/dashboard/clients/{ownerId}/api-keys"));
    }

    private static bool HasKeyHeader(ApiResponse document, string path) =>
        document.Json.GetProperty("paths").GetProperty(path).GetProperty("post").TryGetProperty("parameters", out var parameters)
        && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == Header && p.GetProperty("in").GetString() == "header");

    private static async Task<HttpResponseMessage> RawPost(ApiCaller api, string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SynapApiFactory.AdminKey);
        request.Headers.TryAddWithoutValidation(Header, idempotencyKey);
        return await api.Http.SendAsync(request);
    }
}
