using System.Text.Json;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// A tenant built through the HTTP API (client, client key, instance with its architecture, an instance key and
/// a revoked instance key) together with what it read back, so a test can prove that everything is still there,
/// unchanged, after the processes holding it went away.
/// </summary>
public sealed class PersistedTenant
{
    private const string InstanceConfig = "memory:\n  kind: episodic\n";

    // Usage counters may move whenever a key is used; everything else of an instance is written only by commands.
    private static readonly string[] UsageFields = ["api_calls_24h", "last_active_at"];

    private readonly string adminKey;

    private PersistedTenant(string adminKey) => this.adminKey = adminKey;

    public string ClientId { get; private set; } = "";
    public string ClientName { get; private set; } = "";
    public string ClientKey { get; private set; } = "";
    public string InstanceId { get; private set; } = "";
    public string InstanceName { get; private set; } = "";
    public string InstanceKey { get; private set; } = "";
    public string RevokedInstanceKey { get; private set; } = "";

    /// <summary>False after <see cref="DeactivateClientAsync"/>: the instance is then effectively suspended.</summary>
    public bool ClientActive { get; private set; } = true;

    private string clientJson = "";
    private string instanceJson = "";
    private string architectureJson = "";
    private string clientKeysJson = "";
    private string instanceKeysJson = "";

    public static async Task<PersistedTenant> CreateAsync(ApiCaller api, string adminKey = SynapApiFactory.AdminKey)
    {
        var tenant = new PersistedTenant(adminKey) { ClientName = Scenario.UniqueName(), InstanceName = Scenario.UniqueName("agent") };

        var client = Expect(201, await api.Post("/dashboard/clients",
            new { name = tenant.ClientName, description = "kept across restarts", context = new { plan = "gold" } }, adminKey));
        tenant.ClientId = client.Str("client_id");
        tenant.ClientKey = Expect(201, await api.Post($"/dashboard/clients/{tenant.ClientId}/api-keys", new { label = "ops" }, adminKey)).Str("api_key");

        tenant.InstanceId = Expect(201, await api.Post($"/dashboard/instances?client_id={tenant.ClientId}",
            new { name = tenant.InstanceName, agent_type = "support", description = "durable", metadata = new { region = "eu" } },
            tenant.ClientKey)).Str("id");
        Expect(201, await api.Post($"/instances/{tenant.InstanceId}/memory-architecture/init", new { config = InstanceConfig }, tenant.ClientKey));
        tenant.InstanceKey = Expect(201, await api.Post($"/dashboard/instances/{tenant.InstanceId}/api-keys", new { label = "agent" }, tenant.ClientKey)).Str("api_key");

        var revoked = Expect(201, await api.Post($"/dashboard/instances/{tenant.InstanceId}/api-keys", new { label = "retired" }, tenant.ClientKey));
        tenant.RevokedInstanceKey = revoked.Str("api_key");
        Expect(200, await api.Delete($"/dashboard/instances/{tenant.InstanceId}/api-keys/{revoked.Str("credential_id")}", tenant.ClientKey));

        await tenant.RecordAsync(api);
        return tenant;
    }

    /// <summary>Sets the client <c>inactive</c> (admin), which suspends its instance and refuses its keys, and records the result.</summary>
    public async Task DeactivateClientAsync(ApiCaller api)
    {
        Expect(200, await api.Patch($"/dashboard/clients/{ClientId}", new { status = "inactive" }, adminKey));
        ClientActive = false;
        await RecordAsync(api);
    }

    /// <summary>Everything reads back as recorded, keys still decide as before, and names are still taken.</summary>
    public async Task AssertIntactAsync(ApiCaller api)
    {
        var client = Expect(200, await api.Get($"/dashboard/clients/{ClientId}", adminKey));
        Assert.Equal(clientJson, client.Json.GetRawText());

        var instance = Expect(200, await api.Get($"/dashboard/instances/{InstanceId}", adminKey));
        Assert.Equal(instanceJson, WithoutUsage(instance.Json));
        Assert.Equal("active", instance.Str("status"));
        Assert.Equal(ClientActive ? "active" : "suspended", instance.Str("effective_status"));
        Assert.Equal("active", instance.Str("config_status"));
        Assert.Equal(ClientId, instance.Str("client_id"));

        Assert.Equal(architectureJson, Expect(200, await api.Get($"/instances/{InstanceId}/memory-architecture", adminKey)).Json.GetRawText());
        Assert.Equal(clientKeysJson, KeyList(Expect(200, await api.Get($"/dashboard/clients/{ClientId}/api-keys", adminKey))));
        var instanceKeys = Expect(200, await api.Get($"/dashboard/instances/{InstanceId}/api-keys", adminKey));
        Assert.Equal(instanceKeysJson, KeyList(instanceKeys));
        var listed = Assert.Single(instanceKeys.Json.EnumerateArray());
        Assert.Matches("^synap_[0-9A-Za-z]{4}\\.\\.\\.[0-9A-Za-z]{2}$", listed.GetProperty("masked_key").GetString());
        Assert.DoesNotContain(InstanceKey, instanceKeys.Text);

        var listing = Expect(200, await api.Get($"/dashboard/instances?client_id={ClientId}", adminKey));
        Assert.Equal(InstanceId, Assert.Single(listing.Json.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());

        // A key of an inactive client is still known (403), not unknown (401).
        var byClientKey = await api.Get($"/dashboard/clients/{ClientId}", ClientKey);
        var byInstanceKey = await api.Get($"/dashboard/instances/{InstanceId}", InstanceKey);
        foreach (var byKey in new[] { byClientKey, byInstanceKey })
            Assert.True(ClientActive ? byKey.Code == 200 : byKey.Code == 403 && byKey.ErrorCode == "CLIENT_INACTIVE", byKey.ToString());
        var byRevokedKey = await api.Get($"/dashboard/instances/{InstanceId}", RevokedInstanceKey);
        Assert.True(byRevokedKey.Code == 401 && byRevokedKey.ErrorCode == "INVALID_API_KEY", byRevokedKey.ToString());

        var sameClientName = await api.Post("/dashboard/clients", new { name = ClientName }, adminKey);
        Assert.True(sameClientName.Code == 409 && sameClientName.ErrorCode == "NAME_CONFLICT", sameClientName.ToString());
        if (ClientActive)
        {
            var sameInstanceName = await api.Post($"/dashboard/instances?client_id={ClientId}", new { name = InstanceName, agent_type = "support" }, ClientKey);
            Assert.True(sameInstanceName.Code == 409 && sameInstanceName.ErrorCode == "NAME_CONFLICT", sameInstanceName.ToString());
        }
    }

    private async Task RecordAsync(ApiCaller api)
    {
        clientJson = Expect(200, await api.Get($"/dashboard/clients/{ClientId}", adminKey)).Json.GetRawText();
        instanceJson = WithoutUsage(Expect(200, await api.Get($"/dashboard/instances/{InstanceId}", adminKey)).Json);
        architectureJson = Expect(200, await api.Get($"/instances/{InstanceId}/memory-architecture", adminKey)).Json.GetRawText();
        clientKeysJson = KeyList(Expect(200, await api.Get($"/dashboard/clients/{ClientId}/api-keys", adminKey)));
        instanceKeysJson = KeyList(Expect(200, await api.Get($"/dashboard/instances/{InstanceId}/api-keys", adminKey)));
    }

    private static ApiResponse Expect(int status, ApiResponse response)
    {
        Assert.True(response.Code == status, $"expected {status}, got {response}");
        return response;
    }

    private static string WithoutUsage(JsonElement instance) =>
        JsonSerializer.Serialize(instance.EnumerateObject().Where(p => !UsageFields.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value));

    // last_used_at is usage, not state a command wrote.
    private static string KeyList(ApiResponse keys) =>
        JsonSerializer.Serialize(keys.Json.EnumerateArray()
            .Select(k => k.EnumerateObject().Where(p => p.Name != "last_used_at").ToDictionary(p => p.Name, p => p.Value)));
}
