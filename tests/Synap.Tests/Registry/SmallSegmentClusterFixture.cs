using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Grains.Registry;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Registry;

/// <summary>
/// One silo on PostgreSQL whose client index cuts segments of <see cref="SegmentSize"/> entries, so a handful of
/// clients already spreads over several segments; its storage fails chosen writes on request (<see cref="Faults"/>).
/// Grain-level: tests call grains through <see cref="Grains"/>.
/// </summary>
public sealed class SmallSegmentClusterFixture : IAsyncLifetime
{
    public const int SegmentSize = 3;

    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    private IServiceProvider SiloServices => Cluster.Silos.OfType<InProcessSiloHandle>().Single().ServiceProvider;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("segments");
        var options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"seg-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        await PostgresSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        var builder = PostgresTestCluster.Builder(options, silos: 1);
        builder.Properties[ClientIndexGrain.SegmentSizeKey] = SegmentSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The state a grain has in storage right now (not what its activation holds in memory).</summary>
    public async Task<T?> ReadStoredStateAsync<T>(IAddressable grain, string stateName)
    {
        var state = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State;
    }

    /// <summary>Writes a grain's stored state directly, as an earlier version of the service left it.</summary>
    public Task WriteStoredStateAsync<T>(IAddressable grain, string stateName, T value) =>
        Storage.WriteStateAsync(stateName, grain.GetGrainId(), new GrainState<T>(value));

    /// <summary>The state names of every stored row whose payload contains <paramref name="marker"/> (UTF-8).</summary>
    public async Task<IReadOnlyList<string>> StateNamesContainingAsync(string marker)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT GrainTypeString FROM OrleansStorage WHERE position(@marker IN PayloadBinary) > 0", connection);
        command.Parameters.AddWithValue("marker", System.Text.Encoding.UTF8.GetBytes(marker));
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>The silo's grain storage, which fails the writes a test asks it to.</summary>
    public FaultyGrainStorage Faults => (FaultyGrainStorage)Storage;

    private IGrainStorage Storage => SiloServices.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseSynapTestSilo();
            FaultyGrainStorage.Wrap(silo.Services, SynapStorage.Name);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SmallSegmentCollection : ICollectionFixture<SmallSegmentClusterFixture>
{
    public const string Name = "small-segment cluster";
}
