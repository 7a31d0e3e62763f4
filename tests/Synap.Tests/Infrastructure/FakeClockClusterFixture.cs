using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// One silo on PostgreSQL whose grains read a shared <see cref="FakeTimeProvider"/>, and two API nodes. The grains'
/// clock (buckets, expiry, usage windows) moves only when a test advances <see cref="Clock"/>; Orleans' own timers
/// (membership, messaging, activation collection, grain timers such as the usage flush) stay on real time.
/// Tests of <see cref="FakeClockCollection"/> run one after another, so a test may advance the clock; tests only
/// ever read time relative to <c>Clock.GetUtcNow()</c>.
/// </summary>
public sealed class FakeClockClusterFixture : IAsyncLifetime
{
    private const string ClockSetting = "SynapTests:Clock";

    // Silo configurators are created by type inside the cluster, so the clock reaches them through this table.
    private static readonly ConcurrentDictionary<string, FakeTimeProvider> Clocks = new();

    private readonly string clockId = Guid.NewGuid().ToString("N");

    /// <summary>Starts on a whole second of today, so header arithmetic in tests reads plainly.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public SynapApiFactory Api1 { get; private set; } = null!;
    public SynapApiFactory Api2 { get; private set; } = null!;
    public SynapOrleansOptions Options { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's own services, e.g. to read what grain storage holds.</summary>
    public IServiceProvider SiloServices => Cluster.Silos.OfType<InProcessSiloHandle>().Single().ServiceProvider;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        Clocks[clockId] = Clock;
        ConnectionString = await TestPostgres.CreateDatabaseAsync("fakeclock");
        Options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"clock-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        await PostgresSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);

        var builder = PostgresTestCluster.Builder(Options, silos: 1);
        builder.Properties[ClockSetting] = clockId;
        builder.AddSiloBuilderConfigurator<FakeClockSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        Api1 = NewApiNode();
        Api2 = NewApiNode();
        Api1.CreateClient().Dispose();
        Api2.CreateClient().Dispose();
    }

    public SynapApiFactory NewApiNode() => SynapApiFactory.ClientOf(Options);

    /// <summary>The state a grain has in storage right now (not what its activation holds in memory).</summary>
    public async Task<T> ReadStoredStateAsync<T>(IAddressable grain, string stateName)
    {
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException($"{stateName} of {grain.GetGrainId()} has no state");
    }

    public async Task DisposeAsync()
    {
        if (Api1 is not null)
            await Api1.DisposeAsync();
        if (Api2 is not null)
            await Api2.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
        Clocks.TryRemove(clockId, out _);
    }

    private sealed class FakeClockSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var clock = Clocks[silo.Configuration[ClockSetting]!];

            // The grains resolve the unkeyed TimeProvider; Orleans resolves a keyed one per area. Every area,
            // including grain timers, is pinned to real time, so the silo runs normally and the usage flush ticks.
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddKeyedSingleton(TimeProviderNames.Grains, TimeProvider.System);

            silo.UseSynapTestSilo();
        }
    }

}

[CollectionDefinition(Name)]
public sealed class FakeClockCollection : ICollectionFixture<FakeClockClusterFixture>
{
    public const string Name = "fake-clock cluster";
}
