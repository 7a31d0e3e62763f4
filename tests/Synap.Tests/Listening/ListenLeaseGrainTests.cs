using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Listening;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>
/// The lease rules of the listener grain on a fake clock: one holder, renewals keep it, a holder that stops renewing
/// loses it after the lease duration, and a reactivated grain keeps a live holder's lease and its bundle order.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class ListenLeaseGrainTests(FakeClockClusterFixture fixture)
{
    private static readonly TimeSpan Duration = new ListenLeaseOptions().Duration;

    [Fact]
    public async Task A_lease_is_held_by_one_listener_until_released()
    {
        var (listener, _) = await ListenerAsync();
        var first = await OpenAsync(listener, new RecordingObserver());

        var second = await listener.Open(ListenTransport.Grpc, Reference(new RecordingObserver()), Actor.Admin);

        Assert.Equal("LISTENING_ALREADY_ACTIVE", second.Error?.Code);
        Assert.Equal(first.ListenerId, second.Error!.Details["listener_id"]);
        Assert.Equal("orleans", second.Error.Details["transport"]);
        Assert.Matches("^lsn_[0-9a-f]{16}$", first.ListenerId);
        await listener.Release("lsn_0000000000000000");
        Assert.False((await listener.Open(ListenTransport.Grpc, Reference(new RecordingObserver()), Actor.Admin)).IsSuccess);
        await listener.Release(first.ListenerId);
        Assert.True((await listener.Open(ListenTransport.Grpc, Reference(new RecordingObserver()), Actor.Admin)).IsSuccess);
    }

    [Fact]
    public async Task Renewals_keep_the_lease_and_a_holder_that_stops_renewing_loses_it_after_the_lease_duration()
    {
        var (listener, _) = await ListenerAsync();
        var holder = await OpenAsync(listener, new RecordingObserver());

        fixture.Clock.Advance(Duration - TimeSpan.FromSeconds(5));
        Assert.True(await listener.Renew(holder.ListenerId));
        fixture.Clock.Advance(Duration - TimeSpan.FromSeconds(5));
        var stillHeld = await listener.Open(ListenTransport.Sse, Reference(new RecordingObserver()), Actor.Admin);
        fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        var afterLapse = await listener.Open(ListenTransport.Sse, Reference(new RecordingObserver()), Actor.Admin);

        Assert.Equal("LISTENING_ALREADY_ACTIVE", stillHeld.Error?.Code);
        Assert.True(afterLapse.IsSuccess, afterLapse.Error?.ToString());
        Assert.False(await listener.Renew(holder.ListenerId));
    }

    [Fact]
    public async Task A_reactivated_grain_keeps_the_live_holders_lease_and_continues_the_bundle_sequence()
    {
        var (listener, instanceId) = await ListenerAsync();
        var observer = new RecordingObserver();
        var holder = await OpenAsync(listener, observer);
        var before = await listener.PublishBundle(Bundle("before"), Actor.Admin);

        await fixture.Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(listener.GetGrainId(), CancellationToken.None);
        var intruder = await listener.Open(ListenTransport.Sse, Reference(new RecordingObserver()), Actor.Admin);
        var after = await listener.PublishBundle(Bundle("after"), Actor.Admin);

        Assert.Equal("LISTENING_ALREADY_ACTIVE", intruder.Error?.Code);
        Assert.Equal(holder.ListenerId, intruder.Error!.Details["listener_id"]);
        Assert.Equal(holder.ListenerId, after.Value?.DeliveredTo);
        Assert.True(after.Value!.Sequence > before.Value!.Sequence);
        Assert.Equal("before", (await observer.NextAsync<DeliveredBundle>()).Bundle.ItemsByType["docs"][0].ItemId);
        Assert.Equal("after", (await observer.NextAsync<DeliveredBundle>()).Bundle.ItemsByType["docs"][0].ItemId);
        Assert.True(await listener.Renew(holder.ListenerId));
        Assert.NotNull(instanceId);
    }

    [Fact]
    public async Task A_restored_lease_whose_holder_is_gone_lapses_after_one_lease_duration()
    {
        var (listener, _) = await ListenerAsync();
        await OpenAsync(listener, new RecordingObserver());

        await fixture.Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(listener.GetGrainId(), CancellationToken.None);
        var refused = await listener.Open(ListenTransport.Sse, Reference(new RecordingObserver()), Actor.Admin);
        fixture.Clock.Advance(Duration + TimeSpan.FromSeconds(1));
        var admitted = await listener.Open(ListenTransport.Sse, Reference(new RecordingObserver()), Actor.Admin);

        Assert.Equal("LISTENING_ALREADY_ACTIVE", refused.Error?.Code);
        Assert.True(admitted.IsSuccess, admitted.Error?.ToString());
    }

    [Fact]
    public async Task Stop_sends_the_holder_a_closing_signal_and_frees_the_lease()
    {
        var (listener, _) = await ListenerAsync();
        var observer = new RecordingObserver();
        var holder = await OpenAsync(listener, observer);

        var stopped = await listener.Stop(Actor.Admin);

        Assert.Equal(holder.ListenerId, stopped.Value?.ListenerId);
        var signal = await observer.NextAsync<ListenSignal>();
        Assert.Equal(("closing", "LISTENER_STOPPED"), (signal.SignalType, signal.Reason));
        Assert.False(await listener.Renew(holder.ListenerId));
        Assert.Equal("LISTENING_NOT_ACTIVE", (await listener.Stop(Actor.Admin)).Error?.Code);
        Assert.Equal("LISTENING_NOT_ACTIVE", (await listener.PublishBundle(Bundle("late"), Actor.Admin)).Error?.Code);
    }

    private async Task<(IInstanceListenerGrain Listener, string InstanceId)> ListenerAsync()
    {
        var agent = await ListeningAgent.CreateAsync(fixture.Api1.Caller());
        return (fixture.Grains.GetGrain<IInstanceListenerGrain>(agent.InstanceId), agent.InstanceId);
    }

    private async Task<ListenLease> OpenAsync(IInstanceListenerGrain listener, RecordingObserver observer)
    {
        var opened = await listener.Open(ListenTransport.Orleans, Reference(observer), Actor.Admin);
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        return opened.Value!;
    }

    // Observers are held weakly by the client runtime: the test keeps each one alive through this list.
    private readonly List<RecordingObserver> observers = [];

    private IListenObserver Reference(RecordingObserver observer)
    {
        observers.Add(observer);
        return fixture.Grains.CreateObjectReference<IListenObserver>(observer);
    }

    private static ContextBundle Bundle(string itemId) =>
        new(null, "reactive", new Dictionary<string, IReadOnlyList<ContextItem>> { ["docs"] = [new ContextItem(itemId, "text")] });
}
