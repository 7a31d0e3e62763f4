using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Synap.Api.Grpc.V1;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grpc;

/// <summary>
/// The gRPC listen stream over real sockets with two API nodes on one cluster (API.md §10): one listener per instance
/// across nodes, bundles published through either node delivered in order, pings answered, events recorded in order.
/// </summary>
[Collection(KestrelClusterCollection.Name)]
public sealed class GrpcListenTests(KestrelClusterFixture cluster)
{
    [Fact]
    public async Task Every_ping_is_answered_within_a_second_with_a_pong_of_the_same_timestamp()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var stamp = await listener.PingAsync();
            var pong = await listener.NextAsync();
            Assert.Equal(StreamResponse.PayloadOneofCase.HeartbeatPong, pong.PayloadCase);
            Assert.Equal(stamp, pong.HeartbeatPong.TimestampMs);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"pong after {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task Http2_keepalive_pings_from_the_client_do_not_end_its_stream()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        // Thirty times as often as the official SDK pings, even between calls.
        var pinging = new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                KeepAlivePingDelay = TimeSpan.FromSeconds(1),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            },
        };
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey, pinging);

        // What is tested is that nothing happens while the pings go on, so time has to pass.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.False(listener.Status.IsCompleted, "the stream ended while the client was pinging");
        await AssertStillListeningAsync(listener);
    }

    [Fact]
    public async Task A_second_stream_on_another_node_gets_an_error_signal_then_already_exists()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var first = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        await using var second = GrpcListener.Open(cluster.HostB.GrpcAddress, tenant.InstanceKey);

        var signal = (await second.NextAsync()).Signal;
        Assert.Equal("error", signal.SignalType);
        Assert.Equal("LISTENING_ALREADY_ACTIVE", signal.Reason);
        Assert.False(string.IsNullOrEmpty(signal.Metadata["listener_id"]));
        Assert.Equal("grpc", signal.Metadata["transport"]);
        Assert.Contains("lease_expires_at", signal.Metadata.Keys);
        Assert.Equal(StatusCode.AlreadyExists, (await second.EndedAsync()).StatusCode);
        await AssertStillListeningAsync(first);
    }

    [Fact]
    public async Task An_sse_listen_on_another_node_is_refused_while_a_grpc_stream_holds_the_lease()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var grpc = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        var sse = await cluster.HostB.Caller().Get($"/v1/instances/{tenant.InstanceId}/listen", tenant.InstanceKey);

        Assert.True(sse.Code == 409, sse.ToString());
        Assert.Equal("LISTENING_ALREADY_ACTIVE", sse.ErrorCode);
        var details = sse.Json.GetProperty("details");
        Assert.Equal("grpc", details.GetProperty("transport").GetString());
        Assert.False(string.IsNullOrEmpty(details.GetProperty("listener_id").GetString()));
        Assert.True(details.TryGetProperty("lease_expires_at", out _), sse.ToString());
        await AssertStillListeningAsync(grpc);
    }

    [Fact]
    public async Task A_bundle_posted_to_the_other_node_arrives_on_the_stream_with_every_field()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        var published = await cluster.HostB.Caller().Post($"/v1/instances/{tenant.InstanceId}/bundles", FullBundle("bnd_full"), tenant.InstanceKey);

        Assert.True(published.Code == 202, published.ToString());
        var bundle = (await listener.NextMatchingAsync(m => m.PayloadCase == StreamResponse.PayloadOneofCase.ContextBundle)).ContextBundle;
        Assert.Equal("bnd_full", bundle.BundleId);
        Assert.Equal("dec_1", bundle.DecisionId);
        Assert.Equal(1200, bundle.TotalTokens);
        Assert.Equal(4000, bundle.TokenBudget);
        Assert.True(bundle.BudgetExceeded);
        Assert.Equal("hybrid", bundle.RetrievalMode);
        Assert.Equal(["vector", "graph"], bundle.SourcesQueried);
        Assert.Equal("none", bundle.DegradationLevel);
        Assert.Equal(["stale index"], bundle.Warnings);
        Assert.Equal("2026-01-02T03:04:05Z", bundle.CreatedAt);
        Assert.Equal(42, bundle.RetrievalTimeMs);
        Assert.True(bundle.CacheHit);
        Assert.Equal(["refund policy"], bundle.SearchQueries);
        Assert.Equal("usr_1", bundle.AnticipationUserId);
        Assert.Equal("cus_1", bundle.AnticipationCustomerId);
        Assert.Equal("conv_1", bundle.AnticipationConversationId);
        Assert.Equal(["refund"], bundle.SearchKeywords);
        Assert.Equal("anticipation", bundle.BundleType);
        Assert.Equal(0.75f, bundle.BundleConfidence);
        Assert.Equal("pat_1", bundle.OriginPatternId);
        Assert.Equal(300, bundle.TtlHintSeconds);
        var item = Assert.Single(bundle.ItemsByType["fact"].Items);
        Assert.Equal(("itm_1", "Refunds take 5 days", "fact", "kb"), (item.ItemId, item.Content, item.ContextType, item.Source));
        Assert.Equal((0.9f, 0.8f, 0.7f), (item.SimilarityScore, item.RelevanceScore, item.Confidence));
        Assert.Equal(("customer", "ent_1", "2026-01-01", "2026-01-01", "2027-01-01", "durable", 0.6f),
            (item.Scope, item.EntityId, item.CreatedAt, item.EventDate, item.ValidUntil, item.TemporalCategory, item.TemporalConfidence));
        var context = bundle.ConversationContext;
        Assert.Equal(("so far", "{\"step\":2}", "{\"order\":\"42\"}", "cmp_1", "2026-01-02", "conv_1"),
            (context.Summary, context.CurrentStateJson, context.KeyExtractionsJson, context.CompactionId, context.CompactedAt, context.ConversationId));
        var turn = Assert.Single(context.RecentTurns);
        Assert.Equal(("user", "where is my refund?", "2026-01-02T03:00:00Z"), (turn.Role, turn.Content, turn.Timestamp));
    }

    [Fact]
    public async Task Bundles_posted_through_both_nodes_arrive_in_publish_order()
    {
        const int Count = 30;
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        var sequences = new List<long>();
        for (var i = 0; i < Count; i++)
        {
            var node = i % 2 == 0 ? cluster.HostB : cluster.HostA;
            var published = await node.Caller().Post($"/v1/instances/{tenant.InstanceId}/bundles", MinimalBundle($"bnd_{i:D3}"), tenant.InstanceKey);
            Assert.True(published.Code == 202, published.ToString());
            sequences.Add(published.Json.GetProperty("sequence").GetInt64());
        }

        var received = new List<string>();
        while (received.Count < Count)
            received.Add((await listener.NextMatchingAsync(m => m.PayloadCase == StreamResponse.PayloadOneofCase.ContextBundle)).ContextBundle.BundleId);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"bnd_{i:D3}"), received);
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Events_sent_on_the_stream_are_listed_in_the_order_they_were_sent()
    {
        const int Count = 12;
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        for (var i = 0; i < Count; i++)
            await listener.SendAsync(Event($"message {i}", i));
        await listener.SendAsync(new StreamEvent { ContextUsed = new ContextUsedEvent { BundleId = "bnd_x", ConversationId = "conv_1" } });

        var events = await BoundedWait.UntilAsync("events listed", TimeSpan.FromSeconds(15),
            () => ListEventsAsync(cluster.HostB.Caller(), tenant), list => list.Count >= Count, list => $"{list.Count} listed");
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"message {i}"), events.Select(e => e.GetProperty("content").GetString()));
        var first = events[0];
        Assert.Equal("user_message", first.GetProperty("event_type").GetString());
        Assert.Equal("conv_1", first.GetProperty("conversation_id").GetString());
        Assert.Equal("usr_1", first.GetProperty("user_id").GetString());
        Assert.Equal("user", first.GetProperty("role").GetString());
        Assert.Equal("grpc", first.GetProperty("transport").GetString());
        Assert.Equal(events.Select(e => e.GetProperty("sequence").GetInt64()).Order(), events.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Over_the_rate_limit_events_are_dropped_with_a_throttle_signal()
    {
        const int Sent = 20;
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller(), unthrottled: false);
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        for (var i = 0; i < Sent; i++)
            await listener.SendAsync(Event($"burst {i}", i));

        // Each event is either recorded or answered with one throttle signal.
        var throttles = new List<StreamSignal>();
        var listed = await BoundedWait.UntilAsync("every event recorded or throttled", TimeSpan.FromSeconds(20), async () =>
        {
            throttles.AddRange(listener.Drain().Where(m => m.PayloadCase == StreamResponse.PayloadOneofCase.Signal).Select(m => m.Signal));
            return await ListEventsAsync(cluster.HostA.Caller(), tenant);
        }, list => list.Count + throttles.Count == Sent, list => $"{list.Count} recorded, {throttles.Count} throttled");
        // The free tier's burst is 10 and opening the stream took one token.
        Assert.InRange(throttles.Count, Sent - 10, Sent - 1);
        Assert.All(throttles, t => Assert.Equal(("throttle", "RATE_LIMIT_EXCEEDED"), (t.SignalType, t.Reason)));
        Assert.Contains("retry_after", throttles[0].Metadata.Keys);
        var indexes = listed.Select(e => int.Parse(e.GetProperty("content").GetString()!["burst ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(indexes.Order(), indexes);
        await AssertStillListeningAsync(listener);
    }

    [Fact]
    public async Task Ending_the_stream_releases_the_lease_so_a_new_stream_on_the_other_node_opens_within_5_s()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        var first = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        await first.DisposeAsync();

        var watch = Stopwatch.StartNew();
        await using var second = await BoundedWait.UntilAsync("a new stream holds the lease", TimeSpan.FromSeconds(5),
            () => GrpcListener.TryOpenEstablishedAsync(cluster.HostB.GrpcAddress, tenant.InstanceKey), listener => listener is not null);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Revoking_the_key_closes_the_stream_with_a_closing_signal()
    {
        var api = cluster.HostB.Caller();
        var tenant = await ListenTenant.CreateAsync(api);
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        var revoked = await api.Delete($"/dashboard/instances/{tenant.InstanceId}/api-keys/{tenant.CredentialId}");

        Assert.True(revoked.Code == 200, revoked.ToString());
        await AssertClosedAsync(listener);
    }

    [Fact]
    public async Task Suspending_the_instance_closes_the_stream_with_a_closing_signal()
    {
        var api = cluster.HostB.Caller();
        var tenant = await ListenTenant.CreateAsync(api);
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        var suspended = await api.Patch($"/dashboard/instances/{tenant.InstanceId}", new { status = "suspended" });

        Assert.True(suspended.Code == 200, suspended.ToString());
        await AssertClosedAsync(listener);
    }

    [Fact]
    public async Task A_suspended_instance_cannot_open_a_stream()
    {
        var api = cluster.HostA.Caller();
        var tenant = await ListenTenant.CreateAsync(api);
        var suspended = await api.Patch($"/dashboard/instances/{tenant.InstanceId}", new { status = "suspended" });
        Assert.True(suspended.Code == 200, suspended.ToString());

        await using var listener = GrpcListener.Open(cluster.HostA.GrpcAddress, tenant.InstanceKey);

        Assert.NotEqual(StatusCode.OK, (await listener.EndedAsync()).StatusCode);
    }

    private static async Task AssertClosedAsync(GrpcListener listener)
    {
        var signal = (await listener.NextMatchingAsync(m => m.PayloadCase == StreamResponse.PayloadOneofCase.Signal)).Signal;
        Assert.Equal("closing", signal.SignalType);
        Assert.False(string.IsNullOrEmpty(signal.Reason));
        Assert.Equal(StatusCode.OK, (await listener.EndedAsync()).StatusCode);
    }

    private static async Task AssertStillListeningAsync(GrpcListener listener)
    {
        var stamp = await listener.PingAsync();
        var pong = await listener.NextMatchingAsync(m => m.PayloadCase == StreamResponse.PayloadOneofCase.HeartbeatPong && m.HeartbeatPong.TimestampMs == stamp);
        Assert.Equal(stamp, pong.HeartbeatPong.TimestampMs);
    }

    private static async Task<List<JsonElement>> ListEventsAsync(ApiCaller api, ListenTenant tenant)
    {
        var page = await api.Get($"/v1/instances/{tenant.InstanceId}/events?page_size=100", tenant.InstanceKey);
        Assert.True(page.Code == 200, page.ToString());
        return page.Json.GetProperty("data").EnumerateArray().ToList();
    }

    private static StreamEvent Event(string content, int index) => new()
    {
        ConversationEvent = new ConversationEvent
        {
            EventType = "user_message",
            ConversationId = "conv_1",
            UserId = "usr_1",
            Role = "user",
            Content = content,
            TimestampMs = 1_700_000_000_000 + index,
        },
    };

    private static object MinimalBundle(string id) => new
    {
        bundle_id = id,
        bundle_type = "reactive",
        items_by_type = new Dictionary<string, object[]> { ["fact"] = [new { item_id = "itm_1", content = "x" }] },
    };

    private static object FullBundle(string id) => new
    {
        bundle_id = id,
        decision_id = "dec_1",
        bundle_type = "anticipation",
        conversation_id = "conv_1",
        items_by_type = new Dictionary<string, object[]>
        {
            ["fact"] =
            [
                new
                {
                    item_id = "itm_1", content = "Refunds take 5 days", context_type = "fact", source = "kb",
                    similarity_score = 0.9, relevance_score = 0.8, confidence = 0.7, scope = "customer", entity_id = "ent_1",
                    created_at = "2026-01-01", event_date = "2026-01-01", valid_until = "2027-01-01",
                    temporal_category = "durable", temporal_confidence = 0.6,
                },
            ],
        },
        total_tokens = 1200,
        token_budget = 4000,
        budget_exceeded = true,
        retrieval_mode = "hybrid",
        sources_queried = new[] { "vector", "graph" },
        degradation_level = "none",
        warnings = new[] { "stale index" },
        created_at = "2026-01-02T03:04:05Z",
        retrieval_time_ms = 42,
        cache_hit = true,
        search_queries = new[] { "refund policy" },
        anticipation_user_id = "usr_1",
        anticipation_customer_id = "cus_1",
        anticipation_conversation_id = "conv_1",
        search_keywords = new[] { "refund" },
        conversation_context = new
        {
            summary = "so far",
            current_state_json = "{\"step\":2}",
            key_extractions_json = "{\"order\":\"42\"}",
            recent_turns = new[] { new { role = "user", content = "where is my refund?", timestamp = "2026-01-02T03:00:00Z" } },
            compaction_id = "cmp_1",
            compacted_at = "2026-01-02",
            conversation_id = "conv_1",
        },
        bundle_confidence = 0.75,
        origin_pattern_id = "pat_1",
        ttl_hint_seconds = 300,
    };
}
