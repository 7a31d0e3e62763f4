using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;
using Synap.Grains.Telemetry;

namespace Synap.Grains.Memories;

public static class MemoryServices
{
    /// <summary>
    /// The memory table on the silo's database (PostgreSQL with a connection string, else the standalone SQLite file),
    /// the ingestion options (<see cref="MemoryIngestionOptions.Section"/>) and the start-up sweep of pending memories.
    /// </summary>
    public static ISiloBuilder AddSynapMemories(this ISiloBuilder silo, SynapOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (silo.Services.Any(service => service.ServiceType == typeof(MemoryTable)))
            return silo;

        silo.Services.AddOptions<MemoryIngestionOptions>().BindConfiguration(MemoryIngestionOptions.Section);
        silo.Services.AddSingleton<MemoryTable>(provider => options.ConnectionString is { } connectionString
            ? new PostgresMemoryTable(NpgsqlDataSource.Create(connectionString), provider.GetRequiredService<SynapMetrics>())
            : new SqliteMemoryTable(SqliteSchema.ConnectionString(options.DataPath), provider.GetRequiredService<SynapMetrics>()));
        silo.Services.TryAddSingleton<PendingMemorySweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<PendingMemorySweep>());
        return silo;
    }
}
