using System.Globalization;
using Synap.Grains.Interfaces.Listening;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>API.md §10: the lease outlives the silo that hosted the listener grain while its holder lives.</summary>
[Collection(ListenKillCollection.Name)]
public sealed class ListenerSiloKillTests(ListenKillFixture fixture)
{
    [Fact]
    public async Task Killing_the_silo_of_the_listener_grain_admits_no_second_listener_and_keeps_delivering()
    {
        var api = fixture.Api.Caller();
        var agent = await ListeningAgent.CreateAsync(api);
        await using var listener = await SseListen.OpenAsync(fixture.Api, agent.InstanceId, agent.InstanceKey);
        var grain = fixture.Grains.GetGrain<IInstanceListenerGrain>(agent.InstanceId);
        var host = await fixture.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        var silo = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));

        await fixture.Cluster.KillSiloAsync(silo);
        var killedAt = DateTimeOffset.UtcNow;

        // Once the grain answers again (elsewhere), the lease is the live holder's, renewed by it after the kill.
        var refusal = await BoundedWait.UntilAsync("the reactivated grain confirms the holder's lease", TimeSpan.FromSeconds(40),
            async () => (await SseListen.TryOpenAsync(fixture.Api, agent.InstanceId, agent.InstanceKey)).Refusal,
            refused => refused is { Code: 409 } && DateTimeOffset.Parse(ApiExpect.Detail(refused, "last_heartbeat_at")!, CultureInfo.InvariantCulture) > killedAt,
            refused => refused?.ToString() ?? "admitted");
        Assert.Equal(listener.ListenerId, ApiExpect.Detail(refusal!, "listener_id"));
        var published = await BoundedWait.UntilAsync("a bundle is published", TimeSpan.FromSeconds(20),
            () => api.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("after-kill"), agent.ClientKey),
            response => response.Code != 503, response => response.ToString());
        ApiExpect.Status(published, 202);
        Assert.Equal(listener.ListenerId, published.Str("delivered_to"));
        var frame = await listener.NextAsync();
        Assert.Equal(("bundle", published.Str("bundle_id")), (frame.Event, frame.Str("bundle_id")));
    }
}
