using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// A real cluster on PostgreSQL: two silos (ADO.NET clustering and grain storage) and two API nodes that join
/// it as Orleans clients, exactly as in production. Shared by every test of <see cref="ClusterCollection"/>;
/// each test makes its own clients, so tests never depend on each other.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public SynapApiFactory Api1 { get; private set; } = null!;
    public SynapApiFactory Api2 { get; private set; } = null!;
    public SynapOrleansOptions Options { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("cluster");
        Options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"test-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        Cluster = await PostgresTestCluster.StartAsync(Options, silos: 2);
        Api1 = NewApiNode();
        Api2 = NewApiNode();
        // Start both nodes now so their Orleans clients are connected before the first test runs.
        Api1.CreateClient().Dispose();
        Api2.CreateClient().Dispose();
    }

    public SynapApiFactory NewApiNode() => new(new Dictionary<string, string?>
    {
        ["Orleans:Mode"] = "Client",
        ["ConnectionStrings:Synap"] = ConnectionString,
        ["Orleans:ClusterId"] = Options.ClusterId,
        ["Orleans:ServiceId"] = Options.ServiceId,
    });

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
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>A <see cref="TestCluster"/> whose silos use our PostgreSQL clustering and storage instead of the test membership.</summary>
public static class PostgresTestCluster
{
    public static async Task<TestCluster> StartAsync(SynapOrleansOptions options, short silos)
    {
        await PostgresSchema.EnsureCreatedAsync(options.ConnectionString!, CancellationToken.None);
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        // Real sockets: the API nodes join from outside the test cluster, as in production.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = options.ClusterId;
        builder.Options.ServiceId = options.ServiceId;
        builder.Properties["ConnectionStrings:Synap"] = options.ConnectionString;
        builder.Properties["Orleans:ClusterId"] = options.ClusterId;
        builder.Properties["Orleans:ServiceId"] = options.ServiceId;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static SynapOrleansOptions Read(IConfiguration configuration) => SynapOrleansOptions.FromConfiguration(configuration);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var options = Read(silo.Configuration);
            silo.UseAdoNetClustering(clustering => (clustering.Invariant, clustering.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString))
                .AddSynapStorage(options)
                .AddSynapGrains();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.UseSynapClustering(Read(configuration));
    }
}
