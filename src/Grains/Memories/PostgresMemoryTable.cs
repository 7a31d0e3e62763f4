using System.Data.Common;
using Npgsql;
using Synap.Grains.Telemetry;

namespace Synap.Grains.Memories;

/// <summary>
/// <see cref="MemoryTable"/> on the cluster's PostgreSQL, through one pooled data source per silo. <c>q</c> folds case
/// with PostgreSQL's <c>lower()</c>, which follows the database's <c>LC_CTYPE</c> (Unicode letters in a UTF-8 locale).
/// </summary>
public sealed class PostgresMemoryTable(NpgsqlDataSource dataSource, SynapMetrics metrics) : MemoryTable(metrics), IAsyncDisposable
{
    /// <summary>The silo's container disposes it at shutdown, closing the pool's idle connections.</summary>
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override string ContentContainsQ => "strpos(lower(content), lower(@q)) > 0";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));
}
