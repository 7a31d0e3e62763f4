using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Synap.Grains.Telemetry;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;
using Synap.Tests.Listening;

namespace Synap.Tests.Telemetry;

/// <summary>
/// The <c>Synap</c> meter of an API node moves when an operator expects it to. Each test runs its own API node, so
/// its instruments see only that test's requests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SynapMetricsTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly SynapApiFactory node = cluster.NewApiNode();

    [Fact]
    public async Task A_refused_key_counts_a_failed_authentication_by_its_code()
    {
        using var failures = Collect<long>(SynapMetrics.AuthenticationFailures);

        var refused = await node.Caller().Get("/dashboard/clients/cli_0000000000000001", "synap_not_a_real_key");

        ApiExpect.Error(refused, 401, "INVALID_API_KEY");
        var counted = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("INVALID_API_KEY", counted.Tags[SynapTags.Reason]);
    }

    [Fact]
    public async Task A_key_over_its_bucket_counts_a_rate_limit_rejection()
    {
        var api = node.Caller();
        var scenario = new Scenario(api);
        var key = await scenario.CreateClientKeyAsync(await scenario.CreateClientAsync());
        using var rejections = Collect<long>(SynapMetrics.RateLimitRejections);

        var refusals = 0;
        for (var i = 0; i < 20; i++)
            refusals += (await api.Get("/api/v1/auth/whoami", key)).Code == 429 ? 1 : 0;

        Assert.True(refusals > 0, "the free tier's burst of 10 should refuse some of 20 requests");
        var counted = rejections.GetMeasurementSnapshot();
        Assert.Equal(refusals, counted.Count);
        Assert.All(counted, m => Assert.Equal(SynapMetrics.RateLimits.KeyBucket, m.Tags[SynapTags.Limit]));
    }

    [Fact]
    public async Task An_open_listen_stream_is_reported_until_it_closes()
    {
        var agent = await ListeningAgent.CreateAsync(node.Caller());
        using var streams = Collect<int>(SynapMetrics.OpenListenStreams);

        await using (await SseListen.OpenAsync(node, agent.InstanceId, agent.InstanceKey))
            Assert.Equal(1, Observe(streams));

        await BoundedWait.UntilAsync("the closed stream no longer reported", TimeSpan.FromSeconds(10),
            () => Task.FromResult(Observe(streams)), open => open == 0);
    }

    [Fact]
    public async Task Grain_calls_of_the_node_are_counted_by_interface_method_and_outcome()
    {
        var api = node.Caller();
        var clientId = await new Scenario(api).CreateClientAsync();
        using var calls = Collect<long>(SynapMetrics.GrainCalls);

        Assert.Equal(200, (await api.Get($"/dashboard/clients/{clientId}")).Code);

        var counted = calls.GetMeasurementSnapshot();
        Assert.Contains(counted, m => m.Tags[SynapTags.GrainInterface] is string grain && grain.Contains("IClientGrain", StringComparison.Ordinal)
            && m.Tags[SynapTags.Outcome] as string == "ok");
        Assert.All(counted, m => Assert.NotNull(m.Tags[SynapTags.GrainMethod]));
    }

    public Task InitializeAsync()
    {
        node.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct =>
        new(node.Services.GetRequiredService<IMeterFactory>(), SynapMetrics.MeterName, instrument);

    private static int Observe(MetricCollector<int> gauge)
    {
        gauge.RecordObservableInstruments();
        return gauge.LastMeasurement?.Value ?? -1;
    }
}
