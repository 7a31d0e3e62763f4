using System.Text.Json;
using Synap.Tests.Infrastructure;
using Synap.Tests.Listening;

namespace Synap.Tests.Reset;

/// <summary>
/// API.md §5 <c>POST /dashboard/instances/{id}/reset</c>: what an instance accumulated while it ran is cleared, what
/// defines it (config, keys, metadata, status) stays.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceResetTests(ClusterFixture fixture)
{
    private readonly ApiCaller api1 = fixture.Api1.Caller();
    private readonly ApiCaller api2 = fixture.Api2.Caller();

    [Fact]
    public async Task Reset_clears_the_counters_and_keeps_config_keys_and_metadata()
    {
        var (clientKey, instanceId, instanceKey) = await ActiveInstanceAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await api2.Get($"/dashboard/instances/{instanceId}", instanceKey)).Code);
        Assert.Equal(3, (await api1.Get($"/dashboard/instances/{instanceId}")).Json.GetProperty("api_calls_24h").GetInt64());

        var reset = await api2.Post($"/dashboard/instances/{instanceId}/reset", null, clientKey);

        Assert.True(reset.Code == 200, reset.ToString());
        Assert.Equal(0, reset.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(0, reset.Json.GetProperty("memories_count").GetInt64());
        Assert.Equal("active", reset.Str("status"));
        Assert.Equal("active", reset.Str("config_status"));
        Assert.Equal("cx", reset.Json.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(200, (await api1.Get($"/instances/{instanceId}/memory-architecture")).Code);
        // The key still works (and its call is counted again from zero).
        Assert.Equal(200, (await api1.Get($"/dashboard/instances/{instanceId}", instanceKey)).Code);
        Assert.Equal(1, (await api1.Get($"/dashboard/instances/{instanceId}")).Json.GetProperty("api_calls_24h").GetInt64());
        var audit = await api1.Get($"/dashboard/instances/{instanceId}/audit-log");
        var entry = audit.Json.GetProperty("data").EnumerateArray().First(e => e.GetProperty("action").GetString() == "instance.reset");
        Assert.Equal("client_key", entry.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal(3, entry.GetProperty("changes").GetProperty("api_calls_24h").GetProperty("from").GetInt64());
    }

    [Fact]
    public async Task Reset_clears_the_memories_and_the_recorded_events_of_the_instance_only()
    {
        var (clientKey, instanceId, instanceKey) = await ActiveInstanceAsync();
        var (_, otherId, otherKey) = await ActiveInstanceAsync();
        await using (var listen = await SseListen.OpenAsync(fixture.Api1, instanceId, instanceKey))
        {
            Assert.Equal(202, (await api2.Post($"/v1/instances/{instanceId}/events", ListeningAgent.Event("conv-1"), instanceKey)).Code);
        }
        foreach (var (key, content) in new[] { (instanceKey, "prefers email"), (instanceKey, "lives in Lyon"), (otherKey, "kept") })
            Assert.Equal(202, (await api1.Post("/v1/memories", new { content, scope = "user" }, key)).Code);
        await BoundedWait.UntilAsync("both memories counted", TimeSpan.FromSeconds(30),
            () => api1.Get($"/dashboard/instances/{instanceId}"), r => r.Json.GetProperty("memories_count").GetInt64() == 2);

        var reset = await api2.Post($"/dashboard/instances/{instanceId}/reset", null, clientKey);

        Assert.True(reset.Code == 200, reset.ToString());
        Assert.Equal(0, reset.Json.GetProperty("memories_count").GetInt64());
        Assert.Equal(0, (await api1.Get("/v1/memories", instanceKey)).Json.GetProperty("total").GetInt32());
        Assert.Equal(0, (await api1.Get($"/v1/instances/{instanceId}/events", instanceKey)).Json.GetProperty("total").GetInt32());
        var other = await BoundedWait.UntilAsync("the other instance's memory completed", TimeSpan.FromSeconds(30),
            () => api1.Get("/v1/memories", otherKey), r => r.Json.GetProperty("total").GetInt32() == 1);
        Assert.Equal("kept", other.Json.GetProperty("data")[0].GetProperty("content").GetString());
        Assert.Equal(1, (await api1.Get($"/dashboard/instances/{otherId}")).Json.GetProperty("memories_count").GetInt64());
    }

    [Fact]
    public async Task The_instance_key_may_not_reset_its_instance_and_another_tenant_sees_nothing()
    {
        var (_, instanceId, instanceKey) = await ActiveInstanceAsync();
        var (otherClientKey, _, _) = await ActiveInstanceAsync();

        var own = await api1.Post($"/dashboard/instances/{instanceId}/reset", null, instanceKey);
        var other = await api1.Post($"/dashboard/instances/{instanceId}/reset", null, otherClientKey);

        Assert.Equal((403, "FORBIDDEN"), (own.Code, own.ErrorCode));
        Assert.Equal((404, "INSTANCE_NOT_FOUND"), (other.Code, other.ErrorCode));
    }

    [Fact]
    public async Task An_archived_instance_cannot_be_reset_and_a_bad_id_is_refused()
    {
        var (_, instanceId, _) = await ActiveInstanceAsync();
        Assert.Equal(200, (await api1.Delete($"/dashboard/instances/{instanceId}")).Code);

        var archived = await api1.Post($"/dashboard/instances/{instanceId}/reset", null);
        var malformed = await api1.Post("/dashboard/instances/inst_nothex/reset", null);
        var unknown = await api1.Post("/dashboard/instances/inst_0123456789abcdef/reset", null);

        Assert.Equal((403, "INSTANCE_NOT_ACTIVE"), (archived.Code, archived.ErrorCode));
        Assert.Equal("archived", archived.Json.GetProperty("details").GetProperty("status").GetString());
        Assert.Equal(400, malformed.Code);
        Assert.Equal((404, "INSTANCE_NOT_FOUND"), (unknown.Code, unknown.ErrorCode));
    }

    private async Task<(string ClientKey, string InstanceId, string InstanceKey)> ActiveInstanceAsync()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateUnthrottledClientAsync();
        var clientKey = await scenario.CreateClientKeyAsync(clientId);
        var created = await api1.Post($"/dashboard/instances?client_id={clientId}",
            new { name = Scenario.UniqueName("agent"), agent_type = "support", metadata = new { team = "cx" } }, clientKey);
        Assert.True(created.Code == 201, created.ToString());
        var instanceId = created.Str("id");
        await scenario.InitAsync(instanceId);
        return (clientKey, instanceId, await scenario.CreateInstanceKeyAsync(instanceId));
    }
}
