using System.Globalization;
using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §2 <c>GET /api/v1/auth/whoami</c>, and a revoked key refused by every API node.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WhoAmITests(ClusterFixture cluster)
{
    private const string WhoAmI = "/api/v1/auth/whoami";

    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task A_client_key_sees_its_credential_client_tier_and_bucket()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var created = await api1.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "ci deploy" });
        Assert.Equal(201, created.Code);
        var before = DateTimeOffset.UtcNow;

        var me = await api2.Get(WhoAmI, created.Str("api_key"));

        Assert.Equal(200, me.Code);
        AssertFields(me);
        Assert.Equal(created.Str("credential_id"), me.Str("credential_id"));
        Assert.Equal("client", me.Str("scope"));
        Assert.Equal(clientId, me.Str("client_id"));
        Assert.Equal(JsonValueKind.Null, me.Json.GetProperty("instance_id").ValueKind);
        Assert.Equal("ci deploy", me.Str("label"));
        Assert.Equal("free", me.Str("tier"));
        Assert.Equal(Time(created.Str("created_at")), Time(me.Str("created_at")));
        AssertLastUsedNow(me, before);
        AssertRateLimitMatchesHeaders(me, limit: 60, burst: 10, remaining: 9);
    }

    [Fact]
    public async Task An_instance_key_sees_its_instance_and_its_clients_tier()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "pro" });
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        var created = await api1.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "worker" });
        Assert.Equal(201, created.Code);
        var before = DateTimeOffset.UtcNow;

        var me = await api1.Get(WhoAmI, created.Str("api_key"));

        Assert.Equal(200, me.Code);
        AssertFields(me);
        Assert.Equal(created.Str("credential_id"), me.Str("credential_id"));
        Assert.Equal("instance", me.Str("scope"));
        Assert.Equal(clientId, me.Str("client_id"));
        Assert.Equal(instanceId, me.Str("instance_id"));
        Assert.Equal("worker", me.Str("label"));
        Assert.Equal("pro", me.Str("tier"));
        Assert.Equal(Time(created.Str("created_at")), Time(me.Str("created_at")));
        AssertLastUsedNow(me, before);
        AssertRateLimitMatchesHeaders(me, limit: 600, burst: 50, remaining: 49);
    }

    [Fact]
    public async Task An_enterprise_key_sees_its_custom_limits_and_each_call_takes_a_token()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = 30, burst = 7 });
        var key = await scenario.CreateClientKeyAsync(clientId);

        var first = await api1.Get(WhoAmI, key);
        var second = await api2.Get(WhoAmI, key);

        Assert.Equal("enterprise", first.Str("tier"));
        AssertRateLimitMatchesHeaders(first, limit: 30, burst: 7, remaining: 6);
        AssertRateLimitMatchesHeaders(second, limit: 30, burst: 7, remaining: 5);
        Assert.True(Time(second.Str("last_used_at")) >= Time(first.Str("last_used_at")));
    }

    [Fact]
    public async Task The_admin_key_is_told_only_its_scope()
    {
        var me = await api1.Get(WhoAmI);

        Assert.Equal(200, me.Code);
        Assert.Equal("""{"scope":"admin"}""", JsonSerializer.Serialize(me.Json));
    }

    [Fact]
    public async Task Whoami_without_a_key_is_401_authentication_required()
    {
        var me = await api1.Get(WhoAmI, key: null);

        Assert.Equal(401, me.Code);
        Assert.Equal("AUTHENTICATION_REQUIRED", me.ErrorCode);
    }

    [Fact]
    public async Task A_revoked_client_key_is_refused_on_the_other_api_node_at_its_next_request()
    {
        var clientId = await new Scenario(api1).CreateClientAsync();
        var created = await api1.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "short-lived" });
        var key = created.Str("api_key");
        Assert.Equal(200, (await api1.Get(WhoAmI, key)).Code);
        Assert.Equal(200, (await api2.Get(WhoAmI, key)).Code);

        var revoked = await api1.Delete($"/dashboard/clients/{clientId}/api-keys/{created.Str("credential_id")}");
        Assert.Equal(200, revoked.Code);
        var next = await api2.Get(WhoAmI, key);

        Assert.Equal(401, next.Code);
        Assert.Equal("INVALID_API_KEY", next.ErrorCode);
        Assert.Equal("INVALID_API_KEY", (await api1.Get(WhoAmI, key)).ErrorCode);
    }

    [Fact]
    public async Task A_revoked_instance_key_is_refused_on_the_other_api_node_at_its_next_request()
    {
        var scenario = new Scenario(api1);
        var instanceId = await scenario.CreateInstanceAsync(await scenario.CreateClientAsync());
        var created = await api1.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "short-lived" });
        var key = created.Str("api_key");
        Assert.Equal(200, (await api1.Get($"/dashboard/instances/{instanceId}", key)).Code);
        Assert.Equal(200, (await api2.Get($"/dashboard/instances/{instanceId}", key)).Code);

        var revoked = await api2.Delete($"/dashboard/instances/{instanceId}/api-keys/{created.Str("credential_id")}");
        Assert.Equal(200, revoked.Code);
        var next = await api1.Get($"/dashboard/instances/{instanceId}", key);

        Assert.Equal(401, next.Code);
        Assert.Equal("INVALID_API_KEY", next.ErrorCode);
        Assert.Equal("INVALID_API_KEY", (await api2.Get(WhoAmI, key)).ErrorCode);
    }

    private static readonly string[] Fields =
        ["client_id", "created_at", "credential_id", "instance_id", "label", "last_used_at", "rate_limit", "scope", "tier"];

    private static void AssertFields(ApiResponse me) =>
        Assert.Equal(Fields, me.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static void AssertLastUsedNow(ApiResponse me, DateTimeOffset before)
    {
        var text = me.Str("last_used_at");
        Assert.EndsWith("Z", text);
        var lastUsed = Time(text);
        Assert.InRange(lastUsed, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    /// <summary>The body's <c>rate_limit</c> is the same bucket decision as this response's headers.</summary>
    private static void AssertRateLimitMatchesHeaders(ApiResponse me, int limit, int burst, int remaining)
    {
        var rateLimit = me.Json.GetProperty("rate_limit");
        Assert.Equal(["burst", "limit", "remaining", "reset"], rateLimit.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(limit, rateLimit.GetProperty("limit").GetInt32());
        Assert.Equal(burst, rateLimit.GetProperty("burst").GetInt32());
        Assert.Equal(remaining, rateLimit.GetProperty("remaining").GetInt32());
        Assert.Equal(me.Header("X-RateLimit-Limit"), rateLimit.GetProperty("limit").GetInt32().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(me.Header("X-RateLimit-Remaining"), rateLimit.GetProperty("remaining").GetInt32().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(me.Header("X-RateLimit-Reset"), rateLimit.GetProperty("reset").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Contains($";q={burst};", me.Header("RateLimit-Policy"));
        Assert.StartsWith($"\"burst\";r={remaining};", me.Header("RateLimit"));
    }
}
