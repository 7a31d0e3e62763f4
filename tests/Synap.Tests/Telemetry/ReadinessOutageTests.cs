using Npgsql;
using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Tests.Api;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Telemetry;

/// <summary>
/// API.md §12: <c>/health/ready</c> tells a load balancer to stop sending traffic while this node cannot serve it, and
/// to send it again once it can, with no restart. Each test breaks its own one-silo cluster on its own database.
/// </summary>
public sealed class ReadinessOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private SynapOrleansOptions options = null!;
    private TestCluster cluster = null!;
    private SynapApiFactory node = null!;

    [Fact]
    public async Task Readiness_is_503_while_the_database_refuses_connections_and_200_again_after()
    {
        var api = node.Caller();
        await ReadyAsync(api);

        await AllowConnectionsAsync(false);
        try
        {
            await UnavailableAsync(api);
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }

        await ReadyAsync(api);
    }

    [Fact]
    public async Task Readiness_is_503_when_every_silo_of_the_cluster_is_gone()
    {
        var api = node.Caller();
        await ReadyAsync(api);

        await cluster.StopAllSilosAsync();

        await UnavailableAsync(api);
    }

    public async Task InitializeAsync()
    {
        options = new SynapOrleansOptions
        {
            ConnectionString = await TestPostgres.CreateDatabaseAsync("ready"),
            ClusterId = $"ready-{Guid.NewGuid():N}"[..18],
            ServiceId = "synap-ready",
        };
        cluster = await PostgresTestCluster.StartAsync(options, silos: 1);
        node = SynapApiFactory.ClientOf(options);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        await cluster.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(options.ConnectionString!);
    }

    private static Task ReadyAsync(ApiCaller api) =>
        BoundedWait.UntilAsync("/health/ready 200", Patience, () => api.Get("/health/ready", key: null), r => r.Code == 200);

    private static async Task UnavailableAsync(ApiCaller api)
    {
        var refused = await BoundedWait.UntilAsync("/health/ready 503", Patience, () => api.Get("/health/ready", key: null), r => r.Code != 200);
        ApiExpect.Error(refused, 503, "SERVICE_UNAVAILABLE");
        Assert.NotNull(refused.Header("Retry-After"));
    }

    /// <summary>Closes (or reopens) the fixture's database to new connections and ends the open ones: storage is unreachable.</summary>
    private async Task AllowConnectionsAsync(bool allow)
    {
        var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database!;
        await using var server = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await server.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allow ? "true" : "false")}", server);
        await alter.ExecuteNonQueryAsync();
        if (allow)
            return;
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", server);
        terminate.Parameters.AddWithValue("database", database);
        await terminate.ExecuteNonQueryAsync();
    }
}
