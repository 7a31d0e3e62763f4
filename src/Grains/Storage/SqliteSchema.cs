using Microsoft.Data.Sqlite;

namespace Synap.Grains.Storage;

/// <summary>
/// Creates the SQLite file, its <c>OrleansStorage</c> table and the <c>OrleansQuery</c> rows that Orleans' ADO.NET
/// grain storage reads at start (standalone mode), or brings them up to date.
/// </summary>
public static class SqliteSchema
{
    /// <summary>The ADO.NET invariant under which Orleans loads Microsoft.Data.Sqlite.</summary>
    public const string Invariant = "System.Data.SQLite";

    /// <summary>Orleans' grain storage first (it switches the file to WAL), then Synap's own tables; each script is one transaction.</summary>
    private static readonly string[] Scripts = ["sqlite-schema.sql", "sqlite-memories.sql"];

    /// <summary>
    /// Creates the file's directory if needed and runs the embedded schema script. Idempotent.
    /// A relative <paramref name="databasePath"/> is taken from the working directory.
    /// </summary>
    public static async Task EnsureCreatedAsync(string databasePath, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);

        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Unpooled, so a script that fails inside its transaction closes the connection and rolls back.
        var connectionString = new SqliteConnectionStringBuilder(ConnectionString(fullPath)) { Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync(ct);
        foreach (var script in Scripts)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SchemaScripts.Read(script);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The connection string of the database file at <paramref name="databasePath"/>.</summary>
    public static string ConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
}
