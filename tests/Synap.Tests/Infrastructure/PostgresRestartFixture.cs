using Orleans.Runtime;
using Orleans.TestingHost;
using Synap.Grains.Hosting;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// A two-silo cluster on its own PostgreSQL database with one API node, for tests that stop, kill or restart
/// silos and so cannot share <see cref="ClusterFixture"/>. Tests of <see cref="PostgresRestartCollection"/> run
/// one after another; each asks for the shape it needs (<see cref="TwoActiveSilosAsync"/>, <see cref="RestartAllAsync"/>).
/// </summary>
public sealed class PostgresRestartFixture : IAsyncLifetime
{
    public const short SiloCount = 2;

    public string ConnectionString { get; private set; } = "";
    public SynapOrleansOptions Options { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public SynapApiFactory Api { get; private set; } = null!;

    public IManagementGrain Management => Cluster.GrainFactory.GetGrain<IManagementGrain>(0);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("restart");
        Options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"restart-{Guid.NewGuid():N}"[..20],
            ServiceId = "synap-restart",
        };
        Cluster = await PostgresTestCluster.StartAsync(Options, SiloCount);
        Api = StartApiNode();
    }

    /// <summary>
    /// Stops the API node and every silo (gracefully, so nothing is left in memory anywhere), then starts a new
    /// cluster on the same database, cluster id and service id, and a new API node.
    /// </summary>
    public async Task RestartAllAsync()
    {
        await Api.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await PostgresTestCluster.StartAsync(Options, SiloCount);
        Api = StartApiNode();
    }

    /// <summary>Starts silos until two are running and waits until the cluster sees both as active.</summary>
    public async Task TwoActiveSilosAsync()
    {
        while (Cluster.Silos.Count < SiloCount)
            await Cluster.StartAdditionalSiloAsync();
        var expected = Cluster.Silos.Select(s => s.SiloAddress).ToHashSet();
        await BoundedWait.UntilAsync("both silos active in the membership", TimeSpan.FromSeconds(30),
            () => Management.GetHosts(onlyActive: true),
            hosts => hosts.Keys.ToHashSet().SetEquals(expected) && hosts.Values.All(s => s == SiloStatus.Active),
            hosts => string.Join(", ", hosts.Select(h => $"{h.Key}={h.Value}")));
    }

    public SynapApiFactory NewApiNode() => SynapApiFactory.ClientOf(Options);

    public async Task DisposeAsync()
    {
        if (Api is not null)
            await Api.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    private SynapApiFactory StartApiNode()
    {
        var api = NewApiNode();
        // Starts the host, so its Orleans client is connected before a test sends the first request.
        api.CreateClient().Dispose();
        return api;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresRestartCollection : ICollectionFixture<PostgresRestartFixture>
{
    public const string Name = "postgres-restart";
}
