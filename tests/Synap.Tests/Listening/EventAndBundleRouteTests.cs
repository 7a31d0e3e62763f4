using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>API.md §10 events and bundles over REST: the listener rule, order, filters, correlation, idempotency and hostile bodies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventAndBundleRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task An_event_needs_an_active_listener()
    {
        var agent = await ListeningAgent.CreateAsync(api1);

        var refused = await api1.Post($"/v1/instances/{agent.InstanceId}/events", ListeningAgent.Event("conv-1"), agent.InstanceKey);

        ApiExpect.Error(refused, 409, "LISTENING_NOT_ACTIVE");
        ApiExpect.Error(await api1.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("a"), agent.ClientKey), 409, "LISTENING_NOT_ACTIVE");
    }

    [Fact]
    public async Task Events_are_recorded_in_arrival_order_and_listed_oldest_first_with_a_conversation_filter()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);
        var receipts = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            var caller = i % 2 == 0 ? api1 : api2;
            var posted = await caller.Send(HttpMethod.Post, $"/v1/instances/{agent.InstanceId}/events", agent.InstanceKey,
                ListeningAgent.Event(i % 2 == 0 ? "conv-even" : "conv-odd", $"message {i}"),
                configure: request => request.Headers.Add("X-Correlation-Id", $"syn_test_{i}"));
            ApiExpect.Status(posted, 202);
            Assert.Matches("^evt_[0-9a-f]{16}$", posted.Str("event_id"));
            receipts.Add(posted);
        }

        var all = await api2.Get($"/v1/instances/{agent.InstanceId}/events", agent.InstanceKey);
        var even = await api2.Get($"/v1/instances/{agent.InstanceId}/events?conversation_id=conv-even&page_size=2&page=2", agent.InstanceKey);

        ApiExpect.Status(all, 200);
        Assert.Equal(5, all.Json.GetProperty("total").GetInt32());
        var listed = all.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(receipts.Select(r => r.Str("event_id")), listed.Select(e => e.GetProperty("event_id").GetString()));
        Assert.Equal(receipts.Select(r => r.Json.GetProperty("sequence").GetInt64()), listed.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"message {i}"), listed.Select(e => e.GetProperty("content").GetString()));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"syn_test_{i}"), listed.Select(e => e.GetProperty("correlation_id").GetString()));
        Assert.All(listed, e => Assert.Equal("rest", e.GetProperty("transport").GetString()));
        Assert.All(listed, e => Assert.Equal("user_message", e.GetProperty("event_type").GetString()));
        Assert.Equal(3, even.Json.GetProperty("total").GetInt32());
        Assert.Equal(["message 4"], even.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task A_replayed_event_or_bundle_answers_the_first_receipt_and_is_not_recorded_or_delivered_twice()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var bundles = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostWithKeyAsync(api2, $"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("once"), agent.ClientKey, "bundle-key-1")));
        var events = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostWithKeyAsync(api2, $"/v1/instances/{agent.InstanceId}/events", ListeningAgent.Event("c"), agent.InstanceKey, "event-key-1")));

        Assert.Contains(bundles, b => b.Code == 202);
        Assert.All(bundles.Where(b => b.Code == 202), b => Assert.Equal(bundles.First(x => x.Code == 202).Str("bundle_id"), b.Str("bundle_id")));
        Assert.All(bundles, b => Assert.True(b.Code is 202 or 409, b.ToString()));
        var replay = await PostWithKeyAsync(api2, $"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("once"), agent.ClientKey, "bundle-key-1");
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        var eventReplay = await PostWithKeyAsync(api2, $"/v1/instances/{agent.InstanceId}/events", ListeningAgent.Event("c"), agent.InstanceKey, "event-key-1");
        Assert.Equal("true", eventReplay.Header("Idempotent-Replayed"));
        Assert.Contains(events, e => e.Code == 202);
        var listed = await api1.Get($"/v1/instances/{agent.InstanceId}/events", agent.InstanceKey);
        Assert.Equal(1, listed.Json.GetProperty("total").GetInt32());
        Assert.Equal("bundle", (await listener.NextAsync()).Event);
        var marker = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("marker"), agent.ClientKey);
        var next = await listener.NextAsync();
        Assert.Equal(marker.Str("bundle_id"), next.Str("bundle_id"));
    }

    public static TheoryData<string, string> HostileBundles => new()
    {
        { """{"items_by_type": {}}""", "bundle_type" },
        { """{"bundle_type": "weather", "items_by_type": {}}""", "bundle_type" },
        { """{"bundle_type": 7, "items_by_type": {}}""", "bundle_type" },
        { """{"bundle_type": "reactive"}""", "items_by_type" },
        { """{"bundle_type": "reactive", "items_by_type": []}""", "items_by_type" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": {}}}""", "items_by_type.docs" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": [{"content": "x"}]}}""", "items_by_type.docs[0].item_id" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": [{"item_id": "a"}]}}""", "items_by_type.docs[0].content" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": [{"item_id": "a", "content": 5}]}}""", "items_by_type.docs[0].content" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": [null]}}""", "items_by_type.docs[0]" },
        { """{"bundle_type": "reactive", "items_by_type": {"docs": [{"item_id": "a", "content": "x", "confidence": "high"}]}}""", "items_by_type.docs[0].confidence" },
        { """{"bundle_type": "reactive", "items_by_type": {}, "ttl_hint_seconds": 1e40}""", "ttl_hint_seconds" },
    };

    [Theory]
    [MemberData(nameof(HostileBundles))]
    public async Task A_malformed_bundle_is_a_400_naming_the_field(string body, string field)
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var response = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", body, agent.ClientKey);

        ApiExpect.InvalidInput(response, field);
    }

    [Fact]
    public async Task A_bundle_over_64_KiB_is_refused()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var response = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("big", new string('x', 70 * 1024)), agent.ClientKey);

        ApiExpect.Error(response, 413, "PAYLOAD_TOO_LARGE");
    }

    public static TheoryData<string, string> HostileEvents => new()
    {
        { """{"conversation_id": "c", "user_id": "u", "role": "user", "content": "x"}""", "event_type" },
        { """{"event_type": "m", "user_id": "u", "role": "user", "content": "x"}""", "conversation_id" },
        { """{"event_type": "m", "conversation_id": "c", "user_id": "u", "role": "user"}""", "content" },
        { """{"event_type": 1, "conversation_id": "c", "user_id": "u", "role": "user", "content": "x"}""", "event_type" },
        { """{"event_type": "m", "conversation_id": "c", "user_id": "u", "role": "user", "content": "x", "metadata": {"a": 1}}""", "metadata.a" },
        { """{"event_type": "m", "conversation_id": "c\u0000", "user_id": "u", "role": "user", "content": "x"}""", "conversation_id" },
    };

    [Theory]
    [MemberData(nameof(HostileEvents))]
    public async Task A_malformed_event_is_a_400_naming_the_field(string body, string field)
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var response = await api1.Post($"/v1/instances/{agent.InstanceId}/events", body, agent.InstanceKey);

        ApiExpect.InvalidInput(response, field);
    }

    private static Task<ApiResponse> PostWithKeyAsync(ApiCaller api, string path, object body, string key, string idempotencyKey) =>
        api.Send(HttpMethod.Post, path, key, body, configure: request => request.Headers.Add("Idempotency-Key", idempotencyKey));
}
