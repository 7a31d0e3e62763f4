using Orleans.Configuration;
using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>
/// Two silos on PostgreSQL and one API node, with a short listen lease (renewed every second, lapsing after 10 s) and
/// quick failure detection, so a test can kill the silo hosting a listener grain and see what survives. Its own
/// cluster: a kill must not disturb other tests.
/// </summary>
public sealed class ListenKillFixture : IAsyncLifetime
{
    public static readonly TimeSpan RenewPeriod = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);

    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public SynapApiFactory Api { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("listenkill");
        var options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"kill-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        await PostgresSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        var builder = PostgresTestCluster.Builder(options, silos: 2);
        builder.Properties["Synap:ListenLease:RenewPeriod"] = RenewPeriod.ToString();
        builder.Properties["Synap:ListenLease:Duration"] = LeaseDuration.ToString();
        builder.AddSiloBuilderConfigurator<QuickDetectionSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Api = new SynapApiFactory(new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Client",
            ["ConnectionStrings:Synap"] = options.ConnectionString,
            ["Orleans:ClusterId"] = options.ClusterId,
            ["Orleans:ServiceId"] = options.ServiceId,
            ["Synap:ListenLease:RenewPeriod"] = RenewPeriod.ToString(),
            ["Synap:ListenLease:Duration"] = LeaseDuration.ToString(),
        });
        Api.CreateClient().Dispose();
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

    private sealed class QuickDetectionSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseSynapTestSilo();
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ListenKillCollection : ICollectionFixture<ListenKillFixture>
{
    public const string Name = "listen kill";
}
