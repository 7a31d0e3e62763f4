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

    public SynapApiFactory NewApiNode() => SynapApiFactory.ClientOf(Options);

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

