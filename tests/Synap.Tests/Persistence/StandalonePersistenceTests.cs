using System.Diagnostics;
using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Persistence;

/// <summary>Standalone mode keeps its state in the embedded SQLite file (API.md §13 <c>Synap:DataPath</c>).</summary>
public sealed class StandalonePersistenceTests(ITestOutputHelper output) : IDisposable
{
    private readonly StandaloneData data = new();

    [Fact]
    public async Task Every_entity_reads_back_the_same_from_the_sqlite_file_after_the_node_restarts()
    {
        PersistedTenant tenant, suspended;
        await using (var first = data.NewApiNode())
        {
            var api = first.Caller();
            tenant = await PersistedTenant.CreateAsync(api);
            suspended = await PersistedTenant.CreateAsync(api);
            await suspended.DeactivateClientAsync(api);
            await tenant.AssertIntactAsync(api);
            await suspended.AssertIntactAsync(api);
        }
        Assert.True(File.Exists(data.DatabasePath), $"no database at {data.DatabasePath}");

        var watch = Stopwatch.StartNew();
        await using var second = data.NewApiNode();
        var restarted = second.Caller();
        Assert.Equal(200, (await restarted.Get("/health/ready", key: null)).Code);
        output.WriteLine($"second standalone node ready in {watch.ElapsedMilliseconds} ms");

        await tenant.AssertIntactAsync(restarted);
        await suspended.AssertIntactAsync(restarted);
    }

    [Fact]
    public async Task The_sqlite_file_is_in_wal_mode()
    {
        await using (var node = data.NewApiNode())
            await new Scenario(node.Caller()).CreateClientAsync();

        Assert.Equal("wal", await data.ScalarAsync("PRAGMA journal_mode;"));
        Assert.True((long)(await data.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL;"))! > 0,
            "no grain state was written to the file");
    }

    public void Dispose() => data.Dispose();
}
