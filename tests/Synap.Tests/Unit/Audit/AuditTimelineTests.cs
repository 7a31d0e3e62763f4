using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit.Audit;

public sealed class AuditTimelineTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);

    private static AuditEntry At(string id, DateTimeOffset time) =>
        new(id, time, new AuditActor(ActorType.Admin, null), "client.updated", "cli_0123456789abcdef", null, new Dictionary<string, FieldChange>());

    [Fact]
    public void Appending_an_entry_already_in_the_log_is_a_no_op()
    {
        var entries = new List<AuditEntry>();
        var timeline = new AuditTimeline(entries);

        Assert.True(timeline.Append([At("aud_1", Now)]));
        Assert.False(timeline.Append([At("aud_1", Now)]));
        Assert.True(timeline.Append([At("aud_1", Now), At("aud_2", Now)]));
        Assert.Equal(["aud_1", "aud_2"], entries.Select(e => e.Id));
    }

    [Fact]
    public void Newest_come_first_and_equal_times_list_the_later_appended_first()
    {
        var timeline = new AuditTimeline([]);
        timeline.Append([At("aud_b", Now.AddSeconds(1)), At("aud_late_clock", Now), At("aud_c", Now.AddSeconds(1)), At("aud_d", Now.AddSeconds(2))]);

        var first = timeline.Newest(new PageRequest(1, 3));
        var second = timeline.Newest(new PageRequest(2, 3));

        Assert.Equal(["aud_d", "aud_c", "aud_b"], first.Data.Select(e => e.Id));
        Assert.Equal(["aud_late_clock"], second.Data.Select(e => e.Id));
        Assert.Equal((4, 2), (first.Total, first.TotalPages));
    }
}
