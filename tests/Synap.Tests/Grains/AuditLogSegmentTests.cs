using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grains;

/// <summary>
/// The audit log with its production bounds (segments of 100) on the real cluster and PostgreSQL: pages across
/// segment boundaries, retried appends, and logs stored before segments.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditLogSegmentTests(ClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static string NewLogId() => $"inst_{Guid.NewGuid():N}"[..21];

    private static AuditEntry Entry(int n, DateTimeOffset? at = null, JsonText? to = null) =>
        new($"aud_{n:D16}", at ?? Start.AddSeconds(n), new AuditActor(ActorType.Admin, null), "instance.updated", "inst_0123456789abcdef", null,
            new Dictionary<string, FieldChange> { ["description"] = new(null, to ?? new JsonText($"\"v{n}\"")) });

    private static string Id(int n) => Entry(n).Id;

    private async Task<List<string>> PageAsync(IAuditLogGrain log, int page, int size, int expectedTotal)
    {
        var listed = await log.List(new PageRequest(page, size));
        Assert.Equal((page, size, expectedTotal), (listed.PageNumber, listed.PageSize, listed.Total));
        return [.. listed.Data.Select(e => e.Id)];
    }

    [Fact]
    public async Task Pages_of_a_log_over_three_segments_list_every_entry_once_newest_first()
    {
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(NewLogId());
        for (var n = 0; n < 350; n += 7)
            await log.Append([.. Enumerable.Range(n, 7).Select(i => Entry(i))]);

        var newestFirst = Enumerable.Range(0, 350).Reverse().Select(Id).ToList();
        foreach (var size in new[] { 100, 30, 7 })
        {
            var listed = new List<string>();
            for (var page = 1; page <= (350 + size - 1) / size; page++)
                listed.AddRange(await PageAsync(log, page, size, 350));
            Assert.Equal(newestFirst, listed);
        }
        Assert.Empty(await PageAsync(log, 51, 7, 350));
        Assert.Equal(4, await SegmentRowsAsync(log.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task A_retried_append_adds_nothing_even_across_a_segment_boundary()
    {
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(NewLogId());
        for (var n = 0; n < 98; n += 14)
            await log.Append([.. Enumerable.Range(n, 14).Select(i => Entry(i))]);
        IReadOnlyList<AuditEntry> spanning = [.. Enumerable.Range(98, 5).Select(i => Entry(i))];

        await log.Append(spanning);
        await log.Append(spanning);
        await log.Append([Entry(97), Entry(103), Entry(103)]);

        Assert.Equal(Enumerable.Range(4, 100).Reverse().Select(Id), await PageAsync(log, 1, 100, 104));
        Assert.Equal(Enumerable.Range(0, 4).Reverse().Select(Id), await PageAsync(log, 2, 100, 104));
    }

    [Fact]
    public async Task A_log_stored_as_one_list_is_moved_into_segments_in_its_old_order_with_large_values_summarised()
    {
        var logId = NewLogId();
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(logId);
        // Arrival order differs from time order, as when two silos' clocks disagree: the old listing sorted by time.
        var legacy = Enumerable.Range(0, 150).Select(n => Entry(n, Start.AddSeconds((n * 37) % 150))).ToList();
        legacy.Add(Entry(150, Start.AddSeconds(200), new JsonText($$"""{"blob":"{{new string('x', 65_000)}}"}""")));
        await Storage.WriteStateAsync("audit-log", log.GetGrainId(), new GrainState<AuditLogState>(new AuditLogState { Entries = legacy }));

        var first = await log.List(new PageRequest(1, 100));
        var second = await log.List(new PageRequest(2, 100));

        var byTime = legacy.OrderByDescending(e => e.Timestamp).Select(e => e.Id).ToList();
        Assert.Equal(151, first.Total);
        Assert.Equal(byTime, first.Data.Concat(second.Data).Select(e => e.Id));
        Assert.StartsWith("""{"omitted":true,"bytes":65011,"sha256":""", first.Data[0].Changes["description"].To!.Json, StringComparison.Ordinal);
        var head = new GrainState<AuditLogState>();
        await Storage.ReadStateAsync("audit-log", log.GetGrainId(), head);
        Assert.Empty(head.State!.Entries);
        Assert.Equal(2, await SegmentRowsAsync(logId));

        await log.Append([Entry(151, Start)]);
        Assert.Equal(Id(151), (await log.List(new PageRequest(1, 1))).Data.Single().Id);
    }

    private IGrainStorage Storage =>
        cluster.Cluster.Silos.OfType<InProcessSiloHandle>().First().ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);

    private async Task<long> SegmentRowsAsync(string logId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString LIKE @prefix", connection);
        command.Parameters.AddWithValue("state", AuditSegmentStore.StateName);
        command.Parameters.AddWithValue("prefix", logId + "/%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
