using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Grains.Instances;
using Synap.Grains.Storage;

namespace Synap.Tests.Infrastructure.Faults;

/// <summary>
/// One silo on PostgreSQL whose grain storage (<see cref="SynapStorage.Name"/>) and incoming grain calls can be made
/// to fail from a test (<see cref="StorageFaults"/>, <see cref="GrainCallFaults"/>), whose grain timers are counted
/// (<see cref="TimerRegistrations"/>), and one API node. Instances
/// re-read their client's standing every <see cref="StandingRefresh"/>, so convergence is observable in a test.
/// </summary>
public sealed class FaultInjectionClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StandingRefresh = TimeSpan.FromSeconds(2);

    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public SynapApiFactory Api { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's own services, e.g. to read or write what grain storage holds.</summary>
    public IServiceProvider SiloServices => Cluster.Silos.OfType<InProcessSiloHandle>().Single().ServiceProvider;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("faults");
        var options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"faults-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        await PostgresSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        var builder = PostgresTestCluster.Builder(options, silos: 1);
        builder.AddSiloBuilderConfigurator<FaultInjectionSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Api = SynapApiFactory.ClientOf(options);
        Api.CreateClient().Dispose();
    }

    /// <summary>Deactivates the grain and waits until it is gone, so the next call reads storage afresh.</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await BoundedWait.UntilAsync($"deactivation of {grain.GetGrainId()}", TimeSpan.FromSeconds(10),
            () => management.GetGrainActivationCount((GrainReference)grain), count => count == 0);
    }

    public async Task DisposeAsync()
    {
        if (Api is not null)
            await Api.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    private sealed class FaultInjectionSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseSynapTestSilo();
            silo.Services.AddStorageFaults(SynapStorage.Name);
            silo.AddIncomingGrainCallFilter<FaultInjectingCallFilter>();
            silo.Services.CountTimerRegistrations();
            silo.Services.Configure<ClientStandingOptions>(standing => standing.RefreshPeriod = StandingRefresh);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultInjectionCollection : ICollectionFixture<FaultInjectionClusterFixture>
{
    public const string Name = "fault-injection cluster";
}
