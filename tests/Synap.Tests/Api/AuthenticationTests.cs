using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §2: bearer keys, what each kind of key may do, and the codes of refusals.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthenticationTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/dashboard/clients" },
        { "POST", "/dashboard/clients" },
        { "GET", "/dashboard/clients/cli_0000000000000001" },
        { "PATCH", "/dashboard/clients/cli_0000000000000001" },
        { "DELETE", "/dashboard/clients/cli_0000000000000001" },
        { "GET", "/dashboard/clients/cli_0000000000000001/api-keys" },
        { "POST", "/dashboard/clients/cli_0000000000000001/api-keys" },
        { "DELETE", "/dashboard/clients/cli_0000000000000001/api-keys/cred_000000000001" },
        { "GET", "/dashboard/instances?client_id=cli_0000000000000001" },
        { "POST", "/dashboard/instances?client_id=cli_0000000000000001" },
        { "GET", "/dashboard/instances/inst_0000000000000001" },
        { "PATCH", "/dashboard/instances/inst_0000000000000001" },
        { "DELETE", "/dashboard/instances/inst_0000000000000001" },
        { "GET", "/dashboard/instances/inst_0000000000000001/api-keys" },
        { "POST", "/dashboard/instances/inst_0000000000000001/api-keys" },
        { "POST", "/instances/inst_0000000000000001/memory-architecture/init" },
        { "GET", "/instances/inst_0000000000000001/memory-architecture" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_request_without_authorization_is_authentication_required(string method, string path)
    {
        var response = await api.Send(new HttpMethod(method), path, key: null, body: method is "POST" or "PATCH" ? "{}" : null);

        ApiExpect.Error(response, 401, "AUTHENTICATION_REQUIRED");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Basic x")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Token synap_abc")]
    [InlineData("test-admin-key-0123456789abcdef-0123456789abcdef")]
    public async Task An_authorization_header_that_is_not_a_bearer_key_is_authentication_required(string header)
    {
        var response = await SendWithAuthorization(header);

        ApiExpect.Error(response, 401, "AUTHENTICATION_REQUIRED");
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("synap_")]
    [InlineData("synap_short")]
    [InlineData("test-admin-key-0123456789abcdef-0123456789abcdeX")]
    [InlineData("sk_live_0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("synap_00000000000000000000000000000000000000000000!!")]
    public async Task A_bearer_value_that_is_not_a_key_is_invalid_api_key(string key)
    {
        var response = await api.Get("/dashboard/clients", key);

        ApiExpect.Error(response, 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task A_real_key_with_one_character_changed_fails_its_checksum_and_is_invalid_api_key()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);
        var tampered = key[..10] + (key[10] == 'a' ? 'b' : 'a') + key[11..];
        Assert.False(ApiKeyFormat.HasValidChecksum(tampered));

        var response = await api.Get($"/dashboard/clients/{clientId}", tampered);

        ApiExpect.Error(response, 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task A_well_formed_key_that_was_never_issued_is_invalid_api_key_on_both_nodes()
    {
        var invented = ApiKeyFormat.Generate();

        var node1 = await api.Get("/dashboard/clients/cli_0000000000000001", invented);
        var node2 = await cluster.Api2.Caller().Get("/dashboard/clients/cli_0000000000000001", invented);

        ApiExpect.Error(node1, 401, "INVALID_API_KEY");
        ApiExpect.Error(node2, 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task The_bearer_scheme_name_is_case_insensitive()
    {
        var clientId = await Scenario.CreateClientAsync();

        var response = await SendWithAuthorization($"bearer {SynapApiFactory.AdminKey}", $"/dashboard/clients/{clientId}");

        ApiExpect.Status(response, 200);
    }

    [Fact]
    public async Task Health_and_openapi_need_no_key()
    {
        var live = await api.Get("/health/live", key: null);
        var ready = await api.Get("/health/ready", key: null);
        var openApi = await api.Get("/openapi/v1.json", key: null);

        ApiExpect.Status(live, 200);
        ApiExpect.Status(ready, 200);
        ApiExpect.Status(openApi, 200);
    }

    [Fact]
    public async Task The_admin_key_may_do_everything_on_any_client()
    {
        var created = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName() });
        var clientId = created.Str("client_id");
        var client = $"/dashboard/clients/{clientId}";
        var key = await api.Post($"{client}/api-keys", new { label = "by admin" });
        var instance = await api.Post($"/dashboard/instances?client_id={clientId}", new { name = Scenario.UniqueName("agent"), agent_type = "support" });
        var instancePath = $"/dashboard/instances/{instance.Str("id")}";
        var instanceKey = await api.Post($"{instancePath}/api-keys", new { label = "by admin" });

        var answers = new[]
        {
            (201, created), (201, key), (201, instance), (201, instanceKey),
            (200, await api.Get("/dashboard/clients")),
            (200, await api.Get(client)),
            (200, await api.Patch(client, new { description = "by admin", tier = "pro" })),
            (200, await api.Get($"{client}/api-keys")),
            (200, await api.Delete($"{client}/api-keys/{key.Str("credential_id")}")),
            (200, await api.Get($"/dashboard/instances?client_id={clientId}")),
            (200, await api.Get(instancePath)),
            (200, await api.Patch(instancePath, new { description = "by admin" })),
            (200, await api.Get($"{instancePath}/api-keys")),
            (201, await api.Post($"/instances/{instance.Str("id")}/memory-architecture/init", new { config = "memory:\n  kind: episodic\n" })),
            (200, await api.Get($"/instances/{instance.Str("id")}/memory-architecture")),
            (200, await api.Delete($"{instancePath}/api-keys/{instanceKey.Str("credential_id")}")),
            (200, await api.Delete(instancePath)),
            (200, await api.Patch(client, new { status = "inactive" })),
            (200, await api.Get(client)),
            (200, await api.Delete(client)),
        };

        foreach (var (status, response) in answers)
            ApiExpect.Status(response, status);
    }

    [Fact]
    public async Task A_client_key_works_on_both_api_nodes()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        ApiExpect.Status(await api.Get($"/dashboard/clients/{clientId}", key), 200);
        ApiExpect.Status(await cluster.Api2.Caller().Get($"/dashboard/clients/{clientId}", key), 200);
    }

    [Fact]
    public async Task A_client_key_manages_the_instances_of_its_client()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        var instanceId = await Scenario.CreateInstanceAsync(clientId, key: key);
        var path = $"/dashboard/instances/{instanceId}";

        ApiExpect.Status(await api.Get($"/dashboard/instances?client_id={clientId}", key), 200);
        ApiExpect.Status(await api.Get(path, key), 200);
        ApiExpect.Status(await api.Patch(path, new { description = "by client key" }, key), 200);
        ApiExpect.Status(await api.Post($"{path}/api-keys", new { label = "agent" }, key), 201);
        ApiExpect.Status(await api.Post($"/instances/{instanceId}/memory-architecture/init", new { config = "memory:\n  kind: episodic\n" }, key), 201);
        ApiExpect.Status(await api.Delete(path, key), 200);
    }

    [Fact]
    public async Task An_instance_key_on_its_own_clients_routes_is_forbidden()
    {
        var (clientId, instanceId, instanceKey) = await InstanceWithKeyAsync();
        var client = $"/dashboard/clients/{clientId}";

        var answers = new[]
        {
            await api.Get(client, instanceKey),
            await api.Patch(client, new { description = "by instance key" }, instanceKey),
            await api.Delete(client, instanceKey),
            await api.Get($"{client}/api-keys", instanceKey),
            await api.Post($"{client}/api-keys", new { label = "escalate" }, instanceKey),
            await api.Get($"/dashboard/instances?client_id={clientId}", instanceKey),
            await api.Post($"/dashboard/instances?client_id={clientId}", new { name = Scenario.UniqueName("agent"), agent_type = "support" }, instanceKey),
            await api.Patch($"/dashboard/instances/{instanceId}", new { description = "by itself" }, instanceKey),
            await api.Delete($"/dashboard/instances/{instanceId}", instanceKey),
            await api.Get($"/dashboard/instances/{instanceId}/api-keys", instanceKey),
            await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "escalate" }, instanceKey),
        };

        foreach (var response in answers)
            ApiExpect.Error(response, 403, "FORBIDDEN");
        var instance = await api.Get($"/dashboard/instances/{instanceId}");
        Assert.Equal("active", instance.Str("status"));
        Assert.Single((await api.Get($"/dashboard/instances/{instanceId}/api-keys")).Json.EnumerateArray());
        Assert.Empty((await api.Get($"{client}/api-keys")).Json.EnumerateArray());
    }

    [Fact]
    public async Task An_instance_key_reads_its_own_instance()
    {
        var (clientId, instanceId, instanceKey) = await InstanceWithKeyAsync();

        var response = await api.Get($"/dashboard/instances/{instanceId}", instanceKey);

        ApiExpect.Status(response, 200);
        Assert.Equal(instanceId, response.Str("id"));
        Assert.Equal(clientId, response.Str("client_id"));
    }

    [Fact]
    public async Task An_instance_key_sees_nothing_of_another_client_or_a_sibling_instance()
    {
        var (clientId, _, instanceKey) = await InstanceWithKeyAsync();
        var sibling = await Scenario.CreateInstanceAsync(clientId);
        var otherClient = await Scenario.CreateClientAsync();

        var otherClientRead = await api.Get($"/dashboard/clients/{otherClient}", instanceKey);
        var otherClientKeys = await api.Get($"/dashboard/clients/{otherClient}/api-keys", instanceKey);
        var siblingRead = await api.Get($"/dashboard/instances/{sibling}", instanceKey);

        ApiExpect.Error(otherClientRead, 404, "CLIENT_NOT_FOUND");
        ApiExpect.Error(otherClientKeys, 404, "CLIENT_NOT_FOUND");
        ApiExpect.Error(siblingRead, 404, "INSTANCE_NOT_FOUND");
    }

    private async Task<(string ClientId, string InstanceId, string InstanceKey)> InstanceWithKeyAsync()
    {
        var clientId = await Scenario.CreateUnthrottledClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        await Scenario.InitAsync(instanceId);
        return (clientId, instanceId, await Scenario.CreateInstanceKeyAsync(instanceId));
    }

    private async Task<ApiResponse> SendWithAuthorization(string header, string path = "/dashboard/clients") =>
        await api.Send(HttpMethod.Get, path, key: null,
            configure: request => request.Headers.TryAddWithoutValidation("Authorization", header));
}
