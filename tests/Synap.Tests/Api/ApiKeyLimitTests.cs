using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// At most 25 active keys per client and per instance (409 <c>API_KEY_LIMIT_REACHED</c>), so keys cannot multiply an
/// owner's rate limit; revoking one frees its slot, and the bootstrap exchange meets the same cap without being used up.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyLimitTests(ClusterFixture cluster)
{
    private const int Limit = 25;

    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task A_clients_26th_active_key_is_refused_and_revoking_one_frees_a_slot()
    {
        var clientId = await Scenario.CreateClientAsync();
        var keys = await FillAsync($"/dashboard/clients/{clientId}/api-keys");

        var refused = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "one too many" });

        ExpectLimitReached(refused);
        Assert.Equal(Limit, (await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.GetArrayLength());
        Assert.Equal(200, (await api.Delete($"/dashboard/clients/{clientId}/api-keys/{keys[0]}")).Code);
        Assert.Equal(201, (await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "freed slot" })).Code);
        ExpectLimitReached(await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "full again" }));
    }

    [Fact]
    public async Task An_instances_26th_active_key_is_refused_and_revoking_one_frees_a_slot()
    {
        var instanceId = await Scenario.CreateInstanceAsync(await Scenario.CreateClientAsync());
        var keys = await FillAsync($"/dashboard/instances/{instanceId}/api-keys");

        ExpectLimitReached(await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "one too many" }));

        Assert.Equal(200, (await api.Delete($"/dashboard/instances/{instanceId}/api-keys/{keys[^1]}")).Code);
        Assert.Equal(201, (await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "freed slot" })).Code);
    }

    [Fact]
    public async Task A_bootstrap_exchange_at_the_cap_is_refused_and_the_bootstrap_key_stays_usable()
    {
        var instanceId = await Scenario.CreateInstanceAsync(await Scenario.CreateClientAsync());
        var keys = await FillAsync($"/dashboard/instances/{instanceId}/api-keys");
        var bootstrap = await api.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null);
        Assert.True(bootstrap.Code == 201, bootstrap.ToString());
        var exchange = new { instance_id = instanceId, bootstrap_key = bootstrap.Str("key"), label = "edge" };

        ExpectLimitReached(await api.Post("/api/v1/keys/bootstrap", exchange, key: null));

        Assert.Equal(200, (await api.Delete($"/dashboard/instances/{instanceId}/api-keys/{keys[0]}")).Code);
        var exchanged = await api.Post("/api/v1/keys/bootstrap", exchange, key: null);
        Assert.True(exchanged.Code == 200, exchanged.ToString());
        Assert.Equal(200, (await api.Get($"/dashboard/instances/{instanceId}", exchanged.Str("api_key"))).Code);
    }

    /// <summary>Creates keys up to the cap with the admin key; returns their credential ids.</summary>
    private async Task<List<string>> FillAsync(string keysPath)
    {
        var ids = new List<string>();
        for (var i = 0; i < Limit; i++)
        {
            var created = await api.Post(keysPath, new { label = $"key {i}" });
            Assert.True(created.Code == 201, created.ToString());
            ids.Add(created.Str("credential_id"));
        }
        return ids;
    }

    private static void ExpectLimitReached(ApiResponse response)
    {
        Assert.True(response.Code == 409, response.ToString());
        Assert.Equal("API_KEY_LIMIT_REACHED", response.ErrorCode);
        var details = response.Json.GetProperty("details");
        Assert.Equal("25", details.GetProperty("limit").GetString());
        Assert.Equal("25", details.GetProperty("active").GetString());
    }
}
