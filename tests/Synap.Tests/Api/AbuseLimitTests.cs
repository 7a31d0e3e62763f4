using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// Issue 6 item 2: a remote address that keeps presenting invalid keys, or keeps calling the anonymous routes
/// that cost the cluster work, is answered 429 (API.md §3 body and <c>Retry-After</c>) before any lookup.
/// Each test runs its own API node with small limits (all test traffic comes from one address).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AbuseLimitTests(ClusterFixture cluster)
{
    private SynapApiFactory NodeWith(params (string Key, string Value)[] limits)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Client",
            ["ConnectionStrings:Synap"] = cluster.Options.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = cluster.Options.ServiceId,
        };
        foreach (var (key, value) in limits)
            settings["Synap:AbuseLimits:" + key] = value;
        return new SynapApiFactory(settings);
    }

    [Fact]
    public async Task An_address_that_presented_too_many_invalid_keys_gets_429_with_retry_after()
    {
        await using var node = NodeWith(("FailedAuthenticationsPerWindow", "3"), ("Window", "00:10:00"));
        var api = node.Caller();
        var key = await new Scenario(cluster.Api1.Caller()).CreateClientKeyAsync(await new Scenario(cluster.Api1.Caller()).CreateClientAsync());
        Assert.Equal(200, (await api.Get("/api/v1/auth/whoami", key)).Code);

        for (var i = 0; i < 3; i++)
            ApiExpect.Error(await api.Get("/dashboard/clients", ApiKeyFormat.Generate()), 401, "INVALID_API_KEY");
        var refused = await api.Get("/dashboard/clients", ApiKeyFormat.Generate());

        var details = ApiExpect.Error(refused, 429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal(3, details.GetProperty("limit").GetInt32());
        Assert.Equal(0, details.GetProperty("remaining").GetInt32());
        var retryAfter = int.Parse(refused.Header("Retry-After")!);
        Assert.InRange(retryAfter, 1, 600);
        Assert.Equal(retryAfter, details.GetProperty("retry_after").GetInt32());
        Assert.NotNull(refused.Header("X-Correlation-Id"));
        // A garbled key is refused the same way, and the admin key and a key this node already knows still work.
        ApiExpect.Error(await api.Get("/dashboard/clients", "synap_not-a-key"), 429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal(200, (await api.Get("/dashboard/clients")).Code);
        Assert.Equal(200, (await api.Get("/api/v1/auth/whoami", key)).Code);
    }

    [Fact]
    public async Task Readiness_and_the_bootstrap_exchange_are_limited_per_address_and_liveness_never_is()
    {
        await using var node = NodeWith(("AnonymousRequestsPerWindow", "2"), ("Window", "00:10:00"));
        var api = node.Caller();

        Assert.Equal(200, (await api.Get("/health/ready", key: null)).Code);
        ApiExpect.Error(await api.Post("/api/v1/keys/bootstrap", new { bootstrap_key = "bsk_nothing" }, key: null), 401, "INVALID_API_KEY");
        var refused = await api.Get("/health/ready", key: null);
        ApiExpect.Error(refused, 429, "RATE_LIMIT_EXCEEDED");
        Assert.NotNull(refused.Header("Retry-After"));
        ApiExpect.Error(await api.Post("/api/v1/keys/bootstrap", new { bootstrap_key = "bsk_nothing" }, key: null), 429, "RATE_LIMIT_EXCEEDED");

        for (var i = 0; i < 20; i++)
            Assert.Equal(200, (await api.Get("/health/live", key: null)).Code);
    }
}
