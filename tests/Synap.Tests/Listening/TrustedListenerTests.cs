using System.Threading.Channels;
using Orleans.Streams;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Listening;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>API.md §10 for trusted back ends on the Orleans client: listening with their own observer under the same single-listener rule, and the event stream.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TrustedListenerTests(ClusterFixture cluster)
{
    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task A_trusted_listener_gets_bundles_published_over_rest_and_shuts_out_sse_listeners()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var observer = new RecordingObserver();
        var reference = cluster.Grains.CreateObjectReference<IListenObserver>(observer);
        var listener = cluster.Grains.GetGrain<IInstanceListenerGrain>(agent.InstanceId);

        var opened = await listener.Open(ListenTransport.Orleans, reference, Actor.Admin);

        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        var (_, refusal) = await SseListen.TryOpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);
        Assert.Equal("orleans", ApiExpect.Error(refusal!, 409, "LISTENING_ALREADY_ACTIVE").GetProperty("transport").GetString());
        var published = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("for-backend"), agent.InstanceKey);
        ApiExpect.Status(published, 202);
        var delivered = await observer.NextAsync<DeliveredBundle>();
        Assert.Equal(published.Str("bundle_id"), delivered.Bundle.BundleId);
        Assert.Equal(published.Json.GetProperty("sequence").GetInt64(), delivered.Sequence);
        Assert.True(await listener.Renew(opened.Value!.ListenerId));
        await listener.Release(opened.Value!.ListenerId);
        await using var sse = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);
        cluster.Grains.DeleteObjectReference<IListenObserver>(reference);
    }

    [Fact]
    public async Task A_trusted_subscriber_receives_recorded_events_from_the_instance_event_stream()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var received = Channel.CreateUnbounded<RecordedEvent>();
        var stream = cluster.Cluster.Client.GetStreamProvider(InstanceEventStream.ProviderName)
            .GetStream<RecordedEvent>(StreamId.Create(InstanceEventStream.Namespace, agent.InstanceId));
        var subscription = await stream.SubscribeAsync((e, _) => received.Writer.WriteAsync(e).AsTask());
        try
        {
            var observer = new RecordingObserver();
            var reference = cluster.Grains.CreateObjectReference<IListenObserver>(observer);
            var listener = cluster.Grains.GetGrain<IInstanceListenerGrain>(agent.InstanceId);
            var lease = (await listener.Open(ListenTransport.Orleans, reference, Actor.Admin)).Value!;

            var posted = await api2.Post($"/v1/instances/{agent.InstanceId}/events", ListeningAgent.Event("conv-9", "over rest"), agent.InstanceKey);
            var direct = await listener.RecordEvent(new ConversationEvent("tool_call", "conv-9", "u", "assistant", "over orleans"), lease.ListenerId, Actor.Admin);
            var stale = await listener.RecordEvent(new ConversationEvent("tool_call", "conv-9", "u", "assistant", "x"), "lsn_0000000000000000", Actor.Admin);

            ApiExpect.Status(posted, 202);
            Assert.True(direct.IsSuccess);
            Assert.Equal("LISTENING_NOT_ACTIVE", stale.Error?.Code);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var first = await received.Reader.ReadAsync(timeout.Token);
            var second = await received.Reader.ReadAsync(timeout.Token);
            Assert.Equal((posted.Str("event_id"), "rest", "over rest"), (first.EventId, first.Transport, first.Event.Content));
            Assert.Equal((direct.Value!.EventId, "orleans", "over orleans"), (second.EventId, second.Transport, second.Event.Content));
            Assert.True(first.Sequence < second.Sequence);

            await listener.CountTelemetry(lease.ListenerId, "context_used");
            await listener.CountTelemetry(lease.ListenerId, "context_used");
            await listener.CountTelemetry(lease.ListenerId, "unknown_kind");
            var counts = await cluster.Grains.GetGrain<IListenerControl>(agent.InstanceId).GetTelemetryCounts();
            Assert.Equal(2, counts["context_used"]);
            Assert.False(counts.ContainsKey("unknown_kind"));

            var control = cluster.Grains.GetGrain<IListenerControl>(agent.InstanceId);
            await control.Reset();
            var afterReset = await listener.ListEvents(new(1, 20), null, Actor.Admin);
            Assert.Equal(0, afterReset.Value!.Total);
            Assert.Empty(await control.GetTelemetryCounts());
            var later = await listener.RecordEvent(new ConversationEvent("tool_call", "conv-9", "u", "assistant", "after reset"), lease.ListenerId, Actor.Admin);
            Assert.True(later.Value!.Sequence > second.Sequence);
            await listener.Release(lease.ListenerId);
            cluster.Grains.DeleteObjectReference<IListenObserver>(reference);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Events_beyond_one_segment_are_listed_oldest_first_across_segment_boundaries()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var observer = new RecordingObserver();
        var reference = cluster.Grains.CreateObjectReference<IListenObserver>(observer);
        var listener = cluster.Grains.GetGrain<IInstanceListenerGrain>(agent.InstanceId);
        var lease = (await listener.Open(ListenTransport.Orleans, reference, Actor.Admin)).Value!;
        var sequences = new List<long>();
        for (var i = 0; i < 230; i++)
        {
            var recorded = await listener.RecordEvent(
                new ConversationEvent("user_message", i % 3 == 0 ? "conv-a" : "conv-b", "u", "user", $"m{i}"), lease.ListenerId, Actor.Admin);
            sequences.Add(recorded.Value!.Sequence);
        }

        var third = (await listener.ListEvents(new(3, 90), null, Actor.Admin)).Value!;
        var filtered = (await listener.ListEvents(new(2, 50), "conv-a", Actor.Admin)).Value!;

        Assert.Equal(Enumerable.Range(1, 230).Select(i => sequences[0] + i - 1), sequences);
        Assert.Equal(230, third.Total);
        Assert.Equal(Enumerable.Range(180, 50).Select(i => $"m{i}"), third.Data.Select(e => e.Event.Content));
        Assert.Equal(77, filtered.Total);
        Assert.Equal(Enumerable.Range(50, 27).Select(n => $"m{n * 3}"), filtered.Data.Select(e => e.Event.Content));
        await listener.Release(lease.ListenerId);
        cluster.Grains.DeleteObjectReference<IListenObserver>(reference);
    }
}
