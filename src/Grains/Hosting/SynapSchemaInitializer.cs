using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Synap.Grains.Storage;

namespace Synap.Grains.Hosting;

/// <summary>
/// Creates the database schema in the silo's first lifecycle stage, before the ADO.NET providers read their
/// queries (clustering and reminders at <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>, grain storage at
/// <see cref="ServiceLifecycleStage.ApplicationServices"/>), so a silo starts against an empty database.
/// </summary>
internal sealed partial class SynapSchemaInitializer(SynapOrleansOptions options, ILogger<SynapSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SynapSchemaInitializer), ServiceLifecycleStage.First, EnsureCreatedAsync);

    private async Task EnsureCreatedAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (options.ConnectionString is { } connectionString)
        {
            await PostgresSchema.EnsureCreatedAsync(connectionString, ct);
            LogPostgresSchemaReady(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            await SqliteSchema.EnsureCreatedAsync(options.DataPath, ct);
            LogSqliteSchemaReady(Path.GetFullPath(options.DataPath), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
