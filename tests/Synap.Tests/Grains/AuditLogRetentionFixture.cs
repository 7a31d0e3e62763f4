using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using Synap.Grains.Audit;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;

namespace Synap.Tests.Grains;

/// <summary>
/// One silo on PostgreSQL whose audit logs have tiny bounds (segments of <see cref="SegmentSize"/>, the newest
/// <see cref="MaxSegments"/> kept), so retention is reached in a few appends, and whose storage fails on demand
/// (<see cref="StorageFaults"/>).
/// </summary>
public sealed class AuditLogRetentionFixture : IAsyncLifetime
{
    public const int SegmentSize = 4;
    public const int MaxSegments = 3;

    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("auditlog");
        var options = new SynapOrleansOptions
        {
            ConnectionString = ConnectionString,
            ClusterId = $"audit-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-test",
        };
        await PostgresSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        var builder = PostgresTestCluster.Builder(options, silos: 1);
        builder.AddSiloBuilderConfigurator<SmallLogsSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The ids of the segments of <paramref name="logId"/> that have a row in storage.</summary>
    public async Task<List<int>> StoredSegmentsAsync(string logId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT GrainIdExtensionString FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString LIKE @prefix", connection);
        command.Parameters.AddWithValue("state", AuditSegmentStore.StateName);
        command.Parameters.AddWithValue("prefix", logId + "/%");
        var segments = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            segments.Add(int.Parse(reader.GetString(0)[(logId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return [.. segments.Order()];
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    private sealed class SmallLogsSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseSynapTestSilo();
            silo.Services.AddSingleton(new AuditLogLimits(SegmentSize, MaxSegments));
            silo.Services.AddStorageFaults(SynapStorage.Name);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AuditLogRetentionCollection : ICollectionFixture<AuditLogRetentionFixture>
{
    public const string Name = "audit-log retention cluster";
}
