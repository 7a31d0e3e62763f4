using Npgsql;

namespace Synap.Grains.Storage;

/// <summary>
/// Creates the PostgreSQL tables and the <c>OrleansQuery</c> rows that Orleans' ADO.NET clustering, grain storage
/// and reminder providers read at start, or brings them up to date.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The ADO.NET invariant under which Orleans loads Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Orleans' tables first, then Synap's own (each script is one transaction under the same advisory lock).</summary>
    private static readonly string[] Scripts = ["postgres-schema.sql", "postgres-memories.sql"];

    /// <summary>
    /// Runs the embedded schema script. Idempotent and safe when several processes run it at once: the script
    /// holds a transaction-scoped advisory lock while it creates what is missing.
    /// </summary>
    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var script in Scripts)
        {
            await using var command = new NpgsqlCommand(SchemaScripts.Read(script), connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
