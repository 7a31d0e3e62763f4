using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit.Audit;

public sealed class AuditDedupWindowTests
{
    private static AuditEntry Entry(string id) =>
        new(id, DateTimeOffset.UnixEpoch, new AuditActor(ActorType.Admin, null), "client.updated", "cli_0123456789abcdef", null, new Dictionary<string, FieldChange>());

    [Fact]
    public void Entries_of_the_current_and_previous_segment_and_repeats_within_a_call_are_not_appended_again()
    {
        var window = new AuditDedupWindow(["aud_prev"], [Entry("aud_cur")]);

        var unseen = window.Unseen([Entry("aud_prev"), Entry("aud_new"), Entry("aud_cur"), Entry("aud_new"), Entry("aud_other")]);

        Assert.Equal(["aud_new", "aud_other"], unseen.Select(e => e.Id));
        window.Add(unseen);
        Assert.Empty(window.Unseen([Entry("aud_new"), Entry("aud_other")]));
    }
}
