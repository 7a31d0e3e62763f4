using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.TestingHost;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Persistence;

/// <summary>
/// Every process creates the schema it needs at start (API.md §13): repeatedly, several at once, and without
/// touching what is already stored.
/// </summary>
public sealed class SchemaTests
{
    private static readonly string[] PostgresTables =
        ["orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable"];

    // The queries Orleans' ADO.NET clustering, grain storage and reminder providers look up by key.
    private static readonly string[] PostgresQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowKey", "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] SqliteQueryKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey"];

    [Fact]
    public async Task The_postgres_schema_can_be_created_twice_and_keeps_stored_rows()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema");
        try
        {
            await PostgresSchema.EnsureCreatedAsync(connectionString, CancellationToken.None);
            await ExecuteAsync(connectionString, StoredRowSql);
            await ExecuteAsync(connectionString, "UPDATE OrleansQuery SET QueryText = 'stale' WHERE QueryKey = 'ReadFromStorageKey'");

            await PostgresSchema.EnsureCreatedAsync(connectionString, CancellationToken.None);

            await AssertPostgresSchemaAsync(connectionString);
            Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'kept'"));
            Assert.NotEqual("stale", await ScalarAsync(connectionString, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey'"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Processes_creating_the_postgres_schema_at_the_same_time_on_an_empty_database_all_succeed()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.EnsureCreatedAsync(connectionString, CancellationToken.None))));

            await AssertPostgresSchemaAsync(connectionString);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Silos_and_an_api_node_starting_together_on_an_empty_database_create_the_schema_themselves()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("bare");
        var options = new SynapOrleansOptions
        {
            ConnectionString = connectionString,
            ClusterId = $"bare-{Guid.NewGuid():N}"[..16],
            ServiceId = "synap-bare",
        };
        await using var api = new SynapApiFactory(new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Client",
            ["ConnectionStrings:Synap"] = connectionString,
            ["Orleans:ClusterId"] = options.ClusterId,
            ["Orleans:ServiceId"] = options.ServiceId,
        });
        TestCluster? cluster = null;
        try
        {
            // The API node starts alongside the silos and keeps trying to connect until they are up (API.md §13).
            var apiStarted = Task.Run(() => api.CreateClient().Dispose());
            cluster = await PostgresTestCluster.StartAsync(options, silos: 2, createSchemaFirst: false);
            await apiStarted.WaitAsync(TimeSpan.FromSeconds(60));

            await AssertPostgresSchemaAsync(connectionString);
            var caller = api.Caller();
            var clientId = await new Scenario(caller).CreateClientAsync();
            Assert.Equal(200, (await caller.Get($"/dashboard/clients/{clientId}")).Code);
        }
        finally
        {
            await api.DisposeAsync();
            if (cluster is not null)
                await cluster.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task The_sqlite_schema_can_be_created_at_the_same_time_and_again_and_keeps_stored_rows()
    {
        using var data = new StandaloneData();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteSchema.EnsureCreatedAsync(data.DatabasePath, CancellationToken.None))));
        await SqliteExecuteAsync(data.DatabasePath, StoredRowSql);
        await SqliteSchema.EnsureCreatedAsync(data.DatabasePath, CancellationToken.None);

        Assert.Equal("wal", await data.ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(2L, await data.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('OrleansQuery', 'OrleansStorage')"));
        foreach (var key in SqliteQueryKeys)
            Assert.Equal(1L, await data.ScalarAsync($"SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey = '{key}'"));
        Assert.Equal(1L, await data.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'kept'"));
    }

    private const string StoredRowSql = """
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
        VALUES (1, 2, 3, 4, 'kept', 'grain', 'schema-test', NULL, 1)
        """;

    private static async Task AssertPostgresSchemaAsync(string connectionString)
    {
        foreach (var table in PostgresTables)
            Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"));
        foreach (var key in PostgresQueryKeys)
            Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey = '{key}'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task SqliteExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
