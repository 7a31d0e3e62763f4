using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;
using static Synap.Tests.Grains.AuditLogRetentionFixture;

namespace Synap.Tests.Grains;

/// <summary>
/// An audit log with segments of 4 and 3 segments kept, on PostgreSQL: the retention bound, and that a failed write
/// (before or after it reached storage) leaves the log so that a retried append converges without duplicates or losses.
/// </summary>
[Collection(AuditLogRetentionCollection.Name)]
public sealed class AuditLogRetentionTests(AuditLogRetentionFixture fixture)
{
    private static string NewLogId() => $"cli_{Guid.NewGuid():N}"[..20];

    private static AuditEntry Entry(int n) =>
        new($"aud_{n:D16}", DateTimeOffset.UnixEpoch.AddSeconds(n), new AuditActor(ActorType.Admin, null), "client.updated", "cli_0123456789abcdef", null,
            new Dictionary<string, FieldChange>());

    private static IReadOnlyList<AuditEntry> Entries(int from, int count) => [.. Enumerable.Range(from, count).Select(Entry)];

    private async Task<List<string>> NewestFirstAsync(IAuditLogGrain log)
    {
        var page = await log.List(new PageRequest(1, PageRequest.MaxPageSize));
        Assert.Equal(page.Total, page.Data.Count);
        return [.. page.Data.Select(e => e.Id)];
    }

    private static List<string> Ids(int fromInclusive, int toExclusive) =>
        [.. Enumerable.Range(fromInclusive, toExclusive - fromInclusive).Reverse().Select(n => Entry(n).Id)];

    [Fact]
    public async Task Only_the_newest_segments_are_kept_and_older_ones_are_deleted_from_storage()
    {
        var logId = NewLogId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(logId);

        for (var n = 0; n < 26; n += 2)
            await log.Append(Entries(n, 2));

        // 26 entries: segments 0-5 full, segment 6 holds 24-25; segments 4, 5 and 6 are kept.
        Assert.Equal(Ids(16, 26), await NewestFirstAsync(log));
        Assert.Equal([4, 5, 6], await fixture.StoredSegmentsAsync(logId));
        var second = await log.List(new PageRequest(2, 4));
        Assert.Equal(10, second.Total);
        Assert.Equal(Ids(16, 22)[..4], second.Data.Select(e => e.Id));
    }

    [Fact]
    public async Task A_segment_write_that_never_reached_storage_is_retried_once_and_nothing_is_lost()
    {
        var logId = NewLogId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(logId);
        await log.Append(Entries(0, 3));
        using var fault = StorageFaults.FailWrites(AuditSegmentStore.StateName, AuditSegmentStore.SegmentId(logId, 0), kind: StorageFaultKind.BeforeWrite);

        await Assert.ThrowsAnyAsync<Exception>(() => log.Append(Entries(3, 3)));
        Assert.Equal(Ids(0, 3), await NewestFirstAsync(log));

        await log.Append(Entries(3, 3));
        Assert.Equal(Ids(0, 6), await NewestFirstAsync(log));
    }

    [Fact]
    public async Task A_segment_write_that_reached_storage_but_failed_is_not_duplicated_by_the_retry()
    {
        var logId = NewLogId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(logId);
        await log.Append(Entries(0, 3));
        using var fault = StorageFaults.FailWrites(AuditSegmentStore.StateName, AuditSegmentStore.SegmentId(logId, 0), kind: StorageFaultKind.AfterWrite);

        await Assert.ThrowsAnyAsync<Exception>(() => log.Append(Entries(3, 3)));
        await log.Append(Entries(3, 3));
        await log.Append(Entries(6, 1));

        Assert.Equal(Ids(0, 7), await NewestFirstAsync(log));
    }

    [Theory]
    [InlineData(StorageFaultKind.BeforeWrite)]
    [InlineData(StorageFaultKind.AfterWrite)]
    public async Task A_failed_head_write_at_a_segment_boundary_converges_on_retry(StorageFaultKind fault)
    {
        var logId = NewLogId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(logId);
        await log.Append(Entries(0, 3));
        using var injected = StorageFaults.FailWrites("audit-log", log, kind: fault);

        // Entry 3 fills segment 0; entries 4-5 need the head to move to segment 1, whose write fails.
        await Assert.ThrowsAnyAsync<Exception>(() => log.Append(Entries(3, 3)));
        await log.Append(Entries(3, 3));
        await log.Append(Entries(0, 6));

        Assert.Equal(Ids(0, 6), await NewestFirstAsync(log));
        Assert.Equal([0, 1], await fixture.StoredSegmentsAsync(logId));
    }
}
