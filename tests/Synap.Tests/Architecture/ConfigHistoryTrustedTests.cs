using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Architecture;

/// <summary>The config workflow through the Orleans client, as a trusted back end calls it: the same rules as over HTTP.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigHistoryTrustedTests(ClusterFixture cluster)
{
    private readonly ConfigSteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task A_trusted_caller_runs_the_whole_workflow_and_the_instance_follows()
    {
        var t = await steps.NewInitializedAsync();
        var history = cluster.Grains.GetGrain<IConfigHistoryGrain>(t.InstanceId);
        var approver = Actor.ForClientKey(t.ApproverCredentialId, t.ClientId);

        var proposed = await history.Propose(new ProposeConfigCommand("memory:\n  kind: semantic\n"), Actor.Admin);
        var statusWhilePending = (await cluster.Grains.GetGrain<IInstanceGrain>(t.InstanceId).Get(Actor.Admin)).Value!.ConfigStatus;
        var approved = await history.Approve(2, approver);
        var applied = await history.Apply(2, Actor.Admin);
        var active = await history.GetActive(Actor.Admin);
        var viaInstance = await cluster.Grains.GetGrain<IInstanceGrain>(t.InstanceId).GetArchitecture(Actor.Admin);
        var list = await history.ListVersions(PageRequest.Default, Actor.Admin);

        Assert.Equal(ConfigVersionStatus.PendingApproval, proposed.Value?.Status);
        Assert.Equal("admin", proposed.Value?.CreatedBy);
        Assert.Equal(ConfigStatus.PendingApproval, statusWhilePending);
        Assert.Equal(t.ApproverCredentialId, approved.Value?.ApprovedBy);
        Assert.Equal(ConfigVersionStatus.Active, applied.Value?.Status);
        Assert.Equal(applied.Value, active.Value);
        Assert.Equal(applied.Value, viaInstance.Value);
        Assert.Equal([ConfigVersionStatus.Superseded, ConfigVersionStatus.Active], list.Value!.Data.Select(v => v.Status));
        Assert.Equal(ConfigStatus.Active, (await cluster.Grains.GetGrain<IInstanceGrain>(t.InstanceId).Get(Actor.Admin)).Value!.ConfigStatus);
    }

    [Fact]
    public async Task A_trusted_proposer_may_not_approve_and_other_scopes_are_refused()
    {
        var t = await steps.NewInitializedAsync();
        var history = cluster.Grains.GetGrain<IConfigHistoryGrain>(t.InstanceId);
        var instanceKey = Actor.ForInstanceKey("cred_000000000001", t.ClientId, t.InstanceId);
        var otherTenant = Actor.ForClientKey("cred_000000000002", "cli_00000000000000aa");
        await history.Propose(new ProposeConfigCommand("memory:\n  kind: semantic\n"), Actor.Admin);

        var own = await history.Approve(2, Actor.Admin);
        var byInstanceKey = await history.Propose(new ProposeConfigCommand("a: 1\n"), instanceKey);
        var byOther = await history.Apply(2, otherTenant);
        var readByOther = await history.GetActive(otherTenant);
        var unknown = await history.Approve(9, Actor.Admin);

        Assert.Equal(ErrorCodes.Forbidden, own.Error?.Code);
        Assert.Equal(ErrorCodes.Forbidden, byInstanceKey.Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, byOther.Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, readByOther.Error?.Code);
        Assert.Equal(ErrorCodes.NotFound, unknown.Error?.Code);
        Assert.Equal("9", unknown.Error!.Details["version"]);
    }

    [Fact]
    public async Task The_history_of_an_instance_that_does_not_exist_is_not_found()
    {
        var history = cluster.Grains.GetGrain<IConfigHistoryGrain>("inst_00000000000000fd");

        Assert.Equal(ErrorCodes.InstanceNotFound, (await history.GetActive(Actor.Admin)).Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, (await history.Propose(new ProposeConfigCommand("a: 1\n"), Actor.Admin)).Error?.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, (await history.ListVersions(PageRequest.Default, Actor.Admin)).Error?.Code);
    }
}
