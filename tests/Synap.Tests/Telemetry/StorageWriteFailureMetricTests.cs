using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Memories;
using Synap.Grains.Storage;
using Synap.Grains.Telemetry;

namespace Synap.Tests.Telemetry;

/// <summary>
/// A failed write to the <c>synap_memories</c> table is counted, whatever failed: here the table is missing, as on
/// a database whose schema was never created. Failed reads are not writes and are not counted.
/// </summary>
public sealed class StorageWriteFailureMetricTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("synap-metrics-").FullName;
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task A_failed_memory_write_is_counted_by_table_and_operation_and_a_failed_read_is_not()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<long>(meters, SynapMetrics.MeterName, SynapMetrics.StorageWriteFailures);
        var table = new SqliteMemoryTable(SqliteSchema.ConnectionString(Path.Combine(directory, "no-schema.db")), new SynapMetrics(meters));
        var memory = new Memory("mem_0000000000000001", "text", MemoryScope.User, null, new Dictionary<string, string>(),
            MemoryStatus.Pending, DateTimeOffset.UtcNow, null, "req_test", null, null);

        await Assert.ThrowsAsync<SqliteException>(() => table.InsertAsync("inst_0000000000000001", [memory]));
        await Assert.ThrowsAsync<SqliteException>(() => table.GetAsync("inst_0000000000000001", memory.Id));

        var counted = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("synap_memories", counted.Tags[SynapTags.Table]);
        Assert.Equal("insert", counted.Tags[SynapTags.Operation]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        services.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
