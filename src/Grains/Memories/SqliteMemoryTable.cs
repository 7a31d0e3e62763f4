using System.Data.Common;
using Microsoft.Data.Sqlite;
using Synap.Grains.Telemetry;

namespace Synap.Grains.Memories;

/// <summary>
/// <see cref="MemoryTable"/> on the standalone SQLite file, next to Orleans' grain storage. Times are microseconds
/// since the Unix epoch. SQLite's <c>lower()</c> folds ASCII letters only, so in standalone mode <c>q</c> is
/// case-insensitive for A–Z and exact for other letters (<c>É</c> does not find <c>é</c>).
/// </summary>
public sealed class SqliteMemoryTable(string connectionString, SynapMetrics metrics) : MemoryTable(metrics)
{
    protected override string ContentContainsQ => "instr(lower(content), lower(@q)) > 0";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // SQLite's own busy handler waits in steps of a few milliseconds for a writer to finish; without it,
        // Microsoft.Data.Sqlite retries a locked statement only every 150 ms.
        await using var busyTimeout = connection.CreateCommand();
        busyTimeout.CommandText = "PRAGMA busy_timeout = 30000";
        await busyTimeout.ExecuteNonQueryAsync(ct);
        return connection;
    }

    protected override object TimeValue(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond);
}
