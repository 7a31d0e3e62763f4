using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Synap.Bench;

/// <summary>
/// Writes completed memories of one instance straight into <c>synap_memories</c> (PostgreSQL COPY, or one SQLite
/// transaction), so the listing benchmark can read an instance with 100 000 memories without ingesting them one by one.
/// </summary>
public static class MemorySeeder
{
    public static async Task<TimeSpan> SeedAsync(string? connectionString, string dataPath, string instanceId, int count)
    {
        var started = Stopwatch.GetTimestamp();
        var baseTime = DateTimeOffset.UtcNow.AddDays(-1);
        if (connectionString is not null)
            await SeedPostgresAsync(connectionString, instanceId, count, baseTime);
        else
            await SeedSqliteAsync(dataPath, instanceId, count, baseTime);
        return Stopwatch.GetElapsedTime(started);
    }

    private static string Content(int i) => $"seeded memory {i}: customer {i % 997} prefers {(i % 3 == 0 ? "email" : "phone")} contact";

    private static string MemoryId(int i) => $"mem_{(ulong)i:x16}";

    private static async Task SeedPostgresAsync(string connectionString, string instanceId, int count, DateTimeOffset baseTime)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY synap_memories (instance_id, memory_id, scope, scope_id, content, metadata, status, created_at, completed_at, correlation_id, content_sha256, token_estimate) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var at = baseTime.AddTicks(i * 10L).UtcDateTime;
                await copy.StartRowAsync();
                await copy.WriteAsync(instanceId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(MemoryId(i), NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 2 == 0 ? "user" : "customer", NpgsqlDbType.Varchar);
                await copy.WriteNullAsync();
                await copy.WriteAsync(Content(i), NpgsqlDbType.Text);
                await copy.WriteAsync("{}", NpgsqlDbType.Text);
                await copy.WriteAsync("completed", NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("bench-seed", NpgsqlDbType.Text);
                await copy.WriteNullAsync();
                await copy.WriteAsync(10, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE synap_memories", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SeedSqliteAsync(string dataPath, string instanceId, int count, DateTimeOffset baseTime)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO synap_memories (instance_id, memory_id, scope, scope_id, content, metadata, status, created_at, completed_at, correlation_id, content_sha256, token_estimate) "
            + "VALUES (@i, @m, @scope, NULL, @content, '{}', 'completed', @at, @at, 'bench-seed', NULL, 10)";
        var parameters = new[] { "i", "m", "scope", "content", "at" }.Select(name => command.Parameters.Add(new SqliteParameter(name, null))).ToArray();
        var epochMicros = (baseTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        for (var i = 0; i < count; i++)
        {
            parameters[0].Value = instanceId;
            parameters[1].Value = MemoryId(i);
            parameters[2].Value = i % 2 == 0 ? "user" : "customer";
            parameters[3].Value = Content(i);
            parameters[4].Value = epochMicros + i;
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE synap_memories";
        await analyze.ExecuteNonQueryAsync();
    }
}
