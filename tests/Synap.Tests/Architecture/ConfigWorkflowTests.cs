using Synap.Grains.Architecture;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Architecture;

/// <summary>The version status machine on its own, without a silo.</summary>
public sealed class ConfigWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_instance_is_pending_approval_while_a_version_awaits_approval_or_application()
    {
        Assert.Equal(ConfigStatus.Pending, ConfigWorkflow.InstanceStatus([]));
        Assert.Equal(ConfigStatus.Active, ConfigWorkflow.InstanceStatus([V(1, ConfigVersionStatus.Active)]));
        Assert.Equal(ConfigStatus.PendingApproval, ConfigWorkflow.InstanceStatus([V(1, ConfigVersionStatus.Active), V(2, ConfigVersionStatus.Approved)]));
        Assert.Equal(ConfigStatus.Active, ConfigWorkflow.InstanceStatus([V(1, ConfigVersionStatus.Active), V(2, ConfigVersionStatus.Rejected)]));
    }

    [Fact]
    public void Apply_supersedes_the_active_version_rejects_older_proposals_and_keeps_newer_ones()
    {
        IReadOnlyList<ConfigVersionSummary> versions =
        [
            V(1, ConfigVersionStatus.Active), V(2, ConfigVersionStatus.PendingApproval), V(3, ConfigVersionStatus.Approved),
            V(4, ConfigVersionStatus.PendingApproval),
        ];

        var next = ConfigWorkflow.With(versions, ConfigWorkflow.Apply(versions, 3, Now).Value!);

        Assert.Equal([ConfigVersionStatus.Superseded, ConfigVersionStatus.Rejected, ConfigVersionStatus.Active, ConfigVersionStatus.PendingApproval],
            next.Select(v => v.Status));
        Assert.Equal(Now, next[2].AppliedAt);
    }

    [Theory]
    [InlineData(ConfigVersionStatus.PendingApproval, ErrorCodes.InvalidStateTransition)]
    [InlineData(ConfigVersionStatus.Superseded, ErrorCodes.InvalidStateTransition)]
    [InlineData(ConfigVersionStatus.Rejected, ErrorCodes.InvalidStateTransition)]
    [InlineData(ConfigVersionStatus.Active, ErrorCodes.ConfigAlreadyActive)]
    public void Only_an_approved_version_can_be_applied(ConfigVersionStatus status, string code)
    {
        Assert.Equal(code, ConfigWorkflow.Apply([V(1, status)], 1, Now).Error?.Code);
    }

    [Fact]
    public void The_proposer_cannot_approve_and_another_credential_can()
    {
        IReadOnlyList<ConfigVersionSummary> versions = [V(1, ConfigVersionStatus.Active), V(2, ConfigVersionStatus.PendingApproval)];

        Assert.Equal(ErrorCodes.Forbidden, ConfigWorkflow.Approve(versions, 2, "cred_proposer").Error?.Code);
        Assert.Equal("cred_other", ConfigWorkflow.Approve(versions, 2, "cred_other").Value!.Single().ApprovedBy);
        Assert.Equal(ErrorCodes.NotFound, ConfigWorkflow.Approve(versions, 3, "cred_other").Error?.Code);
        Assert.Equal(ErrorCodes.InvalidStateTransition, ConfigWorkflow.Approve(versions, 1, "cred_other").Error?.Code);
    }

    private static ConfigVersionSummary V(int version, ConfigVersionStatus status) =>
        new($"cfg_{version:x16}", version, status, Now, "cred_proposer", null, null);
}
