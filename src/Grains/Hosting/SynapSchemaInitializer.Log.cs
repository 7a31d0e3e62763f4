using Microsoft.Extensions.Logging;

namespace Synap.Grains.Hosting;

internal sealed partial class SynapSchemaInitializer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema for Orleans is ready ({ElapsedMs:F0} ms)")]
    private partial void LogPostgresSchemaReady(double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite schema for Orleans is ready in {DatabasePath} ({ElapsedMs:F0} ms)")]
    private partial void LogSqliteSchemaReady(string databasePath, double elapsedMs);
}
