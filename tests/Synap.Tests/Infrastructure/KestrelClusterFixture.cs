using Orleans.TestingHost;
using Synap.Grains.Hosting;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// Issue 7's topology for the listen stream: two silos on PostgreSQL and two API nodes (<see cref="HostA"/>,
/// <see cref="HostB"/>) on real Kestrel ports, REST and gRPC each. A test that must kill a node without any
/// shutdown code running starts its own with <see cref="StartApiProcess"/>. Shared by <see cref="KestrelClusterCollection"/>.
/// </summary>
public sealed class KestrelClusterFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public SynapOrleansOptions Options { get; private set; } = null!;
    public KestrelClusterHost HostA { get; private set; } = null!;
    public KestrelClusterHost HostB { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("kestrel");
        Options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"kestrel-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        Cluster = await PostgresTestCluster.StartAsync(Options, silos: 2);
        HostA = NewHost();
        HostB = NewHost();
        await Task.WhenAll(HostA.StartAsync(), HostB.StartAsync());
    }

    /// <summary>Another in-process API node of this cluster, not started yet.</summary>
    public KestrelClusterHost NewHost() => new(ClientSettings());

    /// <summary>An API node of this cluster in its own process, so that a test can SIGKILL it.</summary>
    public KestrelClusterProcess StartApiProcess() => KestrelClusterProcess.Start(ClientSettings());

    private Dictionary<string, string?> ClientSettings() => new()
    {
        ["Orleans:Mode"] = "Client",
        ["ConnectionStrings:Synap"] = Options.ConnectionString,
        ["Orleans:ClusterId"] = Options.ClusterId,
        ["Orleans:ServiceId"] = Options.ServiceId,
    };

    public async Task DisposeAsync()
    {
        if (HostA is not null)
            await HostA.DisposeAsync();
        if (HostB is not null)
            await HostB.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class KestrelClusterCollection : ICollectionFixture<KestrelClusterFixture>
{
    public const string Name = "kestrel-cluster";
}
