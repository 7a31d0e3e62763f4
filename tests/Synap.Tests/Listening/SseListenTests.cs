using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>API.md §10 SSE listen stream across two API nodes of one cluster: the single lease, delivery order, and every way a stream ends.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SseListenTests(ClusterFixture cluster)
{
    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task A_second_listener_on_another_node_is_refused_with_the_holders_lease()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var first = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var (second, refusal) = await SseListen.TryOpenAsync(cluster.Api2, agent.InstanceId, agent.InstanceKey);

        Assert.Null(second);
        ApiExpect.Error(refusal!, 409, "LISTENING_ALREADY_ACTIVE");
        var details = refusal!.Json.GetProperty("details");
        Assert.Equal(first.ListenerId, details.GetProperty("listener_id").GetString());
        Assert.Equal("sse", details.GetProperty("transport").GetString());
        var since = DateTimeOffset.Parse(details.GetProperty("since").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(details.GetProperty("lease_expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(details.TryGetProperty("last_heartbeat_at", out _));
        Assert.InRange(expires - since, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.StartsWith("lsn_", first.ListenerId);
    }

    [Fact]
    public async Task Bundles_posted_to_the_other_node_arrive_at_the_listener_in_publish_order()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var receipts = new List<(string BundleId, long Sequence)>();
        for (var i = 0; i < 50; i++)
        {
            var published = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle($"item-{i}"), agent.ClientKey);
            ApiExpect.Status(published, 202);
            Assert.Equal(listener.ListenerId, published.Str("delivered_to"));
            receipts.Add((published.Str("bundle_id"), published.Json.GetProperty("sequence").GetInt64()));
        }

        for (var i = 0; i < 50; i++)
        {
            var frame = await listener.NextAsync();
            Assert.Equal("bundle", frame.Event);
            Assert.Equal(receipts[i].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), frame.Id);
            Assert.Equal(receipts[i].BundleId, frame.Str("bundle_id"));
            Assert.Equal($"item-{i}", frame.Json.GetProperty("items_by_type").GetProperty("preferences")[0].GetProperty("item_id").GetString());
        }
        Assert.Equal(receipts.Select(r => r.Sequence).Order(), receipts.Select(r => r.Sequence));
        Assert.Equal(50, receipts.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Disconnecting_releases_the_lease_for_a_new_listener_within_five_seconds()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var first = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        await first.DisposeAsync();

        var second = await BoundedWait.UntilAsync("a new listener is admitted", TimeSpan.FromSeconds(5),
            () => SseListen.TryOpenAsync(cluster.Api2, agent.InstanceId, agent.InstanceKey), opened => opened.Stream is not null,
            opened => opened.Refusal?.ToString() ?? "open");
        await using var stream = second.Stream!;
        Assert.NotEqual(first.ListenerId, stream.ListenerId);
    }

    [Fact]
    public async Task Delete_listen_ends_the_stream_with_a_closing_signal_then_close()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        var stopped = await api2.Delete($"/v1/instances/{agent.InstanceId}/listen", agent.InstanceKey);

        ApiExpect.Status(stopped, 200);
        Assert.Equal(listener.ListenerId, stopped.Str("listener_id"));
        await ExpectClosingAsync(listener, "LISTENER_STOPPED");
        ApiExpect.Error(await api2.Delete($"/v1/instances/{agent.InstanceId}/listen", agent.InstanceKey), 409, "LISTENING_NOT_ACTIVE");
        await using var next = await SseListen.OpenAsync(cluster.Api2, agent.InstanceId, agent.InstanceKey);
    }

    [Fact]
    public async Task Revoking_the_listeners_key_ends_its_stream()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);
        var keys = await api1.Get($"/dashboard/instances/{agent.InstanceId}/api-keys");
        var credentialId = keys.Json[0].GetProperty("credential_id").GetString();

        ApiExpect.Status(await api2.Delete($"/dashboard/instances/{agent.InstanceId}/api-keys/{credentialId}"), 200);

        await ExpectClosingAsync(listener, "KEY_REVOKED");
    }

    [Fact]
    public async Task Deactivating_the_client_ends_the_stream()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        ApiExpect.Status(await api2.Patch($"/dashboard/clients/{agent.ClientId}", new { status = "inactive" }), 200);

        await ExpectClosingAsync(listener, "CLIENT_INACTIVE");
    }

    [Fact]
    public async Task Making_the_instance_inactive_ends_the_stream()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var listener = await SseListen.OpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey);

        ApiExpect.Status(await api2.Patch($"/dashboard/instances/{agent.InstanceId}", new { status = "inactive" }), 200);

        await ExpectClosingAsync(listener, "INSTANCE_NOT_ACTIVE");
        ApiExpect.Error(await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("x"), agent.ClientKey), 403, "INSTANCE_NOT_ACTIVE");
    }

    [Fact]
    public async Task Another_tenants_key_cannot_listen_and_a_malformed_id_is_a_400()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var other = await ListeningAgent.CreateAsync(api1);

        var (_, foreign) = await SseListen.TryOpenAsync(cluster.Api1, agent.InstanceId, other.InstanceKey);
        var (_, clientKey) = await SseListen.TryOpenAsync(cluster.Api1, agent.InstanceId, agent.ClientKey);
        var (_, malformed) = await SseListen.TryOpenAsync(cluster.Api1, "inst_nothex", agent.InstanceKey);

        ApiExpect.Error(foreign!, 404, "INSTANCE_NOT_FOUND");
        ApiExpect.Error(clientKey!, 403, "FORBIDDEN");
        Assert.Equal(400, malformed!.Code);
    }

    [Fact]
    public async Task A_node_that_stops_gracefully_closes_its_streams_and_frees_their_leases()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        var node = cluster.NewApiNode();
        var listener = await SseListen.OpenAsync(node, agent.InstanceId, agent.InstanceKey);

        // The host's own graceful stop, as on SIGTERM; disposing the factory would tear the test server down first.
        await node.Services.GetRequiredService<IHost>().StopAsync();

        await ExpectClosingAsync(listener, "SHUTTING_DOWN");
        await node.DisposeAsync();
        var next = await BoundedWait.UntilAsync("a listener on another node is admitted", TimeSpan.FromSeconds(5),
            () => SseListen.TryOpenAsync(cluster.Api1, agent.InstanceId, agent.InstanceKey), opened => opened.Stream is not null,
            opened => opened.Refusal?.ToString() ?? "open");
        await using var stream = next.Stream!;
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_stream_gets_a_ping_comment_every_ping_period()
    {
        var agent = await ListeningAgent.CreateAsync(api1);
        await using var node = new SynapApiFactory(new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Client",
            ["ConnectionStrings:Synap"] = cluster.Options.ConnectionString,
            ["Orleans:ClusterId"] = cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = cluster.Options.ServiceId,
            ["Synap:Listen:PingPeriod"] = "00:00:00.200",
        });
        await using var listener = await SseListen.OpenAsync(node, agent.InstanceId, agent.InstanceKey);

        var ping = await listener.NextPingAsync(TimeSpan.FromSeconds(10));
        await listener.NextPingAsync(TimeSpan.FromSeconds(10));
        var published = await api2.Post($"/v1/instances/{agent.InstanceId}/bundles", ListeningAgent.Bundle("after-pings"), agent.ClientKey);

        Assert.Equal(": ping", ping.Data);
        Assert.Equal(published.Str("bundle_id"), (await listener.NextAsync()).Str("bundle_id"));
    }

    private static async Task ExpectClosingAsync(SseListen listener, string reason)
    {
        var signal = await listener.NextAsync();
        Assert.Equal("signal", signal.Event);
        Assert.Equal("closing", signal.Str("signal_type"));
        Assert.Equal(reason, signal.Str("reason"));
        var close = await listener.NextAsync();
        Assert.Equal("close", close.Event);
        Assert.Equal(reason, close.Str("reason"));
        await listener.EndedAsync();
    }
}
