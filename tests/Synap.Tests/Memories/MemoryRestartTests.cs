using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Grains.Memories;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Memories;

/// <summary>
/// An acknowledged memory survives the loss of the silo that was ingesting it (API.md §11): ingestion is held back by
/// <see cref="MemoryIngestionOptions.Delay"/>, the silo is killed, and a new cluster on the same database completes it.
/// </summary>
public sealed class MemoryRestartTests : IAsyncLifetime
{
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("memrestart");
        await PostgresSchema.EnsureCreatedAsync(connectionString, CancellationToken.None);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(connectionString);

    [Fact]
    public async Task A_memory_pending_when_its_silo_is_killed_completes_after_a_new_silo_starts()
    {
        var first = Options();
        var held = await StartClusterAsync(first, ingestionDelay: TimeSpan.FromHours(1));
        Agent agent;
        string id;
        await using (var api = SynapApiFactory.ClientOf(first))
        {
            var steps = new MemorySteps(api.Caller());
            agent = await steps.NewAgentAsync();
            id = await steps.AddOkAsync(agent, "survives a crash");
            Assert.Equal("pending", (await steps.GetAsync(agent, id)).Str("status"));
            Assert.Equal(0, await steps.MemoriesCountAsync(agent));
            await held.KillSiloAsync(held.Silos[0]);
        }
        await held.DisposeAsync();

        // A new cluster id, so the dead silo's membership row does not slow the new one down; the service id is the same.
        var second = Options();
        await using var cluster = await StartClusterAsync(second, ingestionDelay: null);
        await using var api2 = SynapApiFactory.ClientOf(second);
        var after = new MemorySteps(api2.Caller());

        var memory = await after.CompletedAsync(agent, id);
        Assert.Equal("survives a crash", memory.GetProperty("content").GetString());
        Assert.Equal(1, await after.MemoriesCountReachesAsync(agent, 1));
    }

    private SynapOrleansOptions Options() => new()
    {
        ConnectionString = connectionString,
        ClusterId = $"mem-{Guid.NewGuid():N}"[..16],
        ServiceId = "synap-memories",
    };

    private static async Task<TestCluster> StartClusterAsync(SynapOrleansOptions options, TimeSpan? ingestionDelay)
    {
        var builder = PostgresTestCluster.Builder(options, silos: 1);
        if (ingestionDelay is { } delay)
            builder.Properties[$"{MemoryIngestionOptions.Section}:Delay"] = delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.UseSynapTestSilo();
    }
}
