using System.Text.Json;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Architecture;

/// <summary>Two API nodes racing the same transitions: the history decides them one at a time, and one version ends active.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigRaceTests(ClusterFixture cluster)
{
    private readonly ConfigSteps steps = new(cluster.Api1.Caller());
    private readonly ApiCaller node2 = cluster.Api2.Caller();

    [Fact]
    public async Task Two_nodes_applying_the_same_version_at_once_make_it_active_once()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, "memory:\n  n: 2\n", t.ClientKey));
        Expect(200, await steps.ApproveAsync(t.InstanceId, 2, t.ApproverKey));

        var results = await Task.WhenAll(
            steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/2/apply", null, t.ClientKey),
            node2.Post($"{ConfigSteps.Versions(t.InstanceId)}/2/apply", null, t.ApproverKey));

        Assert.Single(results, r => r.Code == 200);
        Assert.Single(results, r => r.Code == 409 && r.ErrorCode == "CONFIG_ALREADY_ACTIVE");
        await ExpectOneActiveAsync(t.InstanceId, 2);
    }

    [Fact]
    public async Task Two_nodes_approving_at_once_approve_once()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, "memory:\n  n: 2\n", t.ClientKey));

        var results = await Task.WhenAll(
            steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/2/approve", null, t.ApproverKey),
            node2.Post($"{ConfigSteps.Versions(t.InstanceId)}/2/approve", null, Admin));

        Assert.Single(results, r => r.Code == 200);
        Assert.Single(results, r => r.Code == 409 && r.ErrorCode == "INVALID_STATE_TRANSITION");
    }

    [Fact]
    public async Task Two_nodes_applying_two_approved_versions_at_once_leave_exactly_one_active()
    {
        var t = await steps.NewInitializedAsync();
        foreach (var version in new[] { 2, 3 })
        {
            Expect(201, await steps.ProposeAsync(t.InstanceId, $"memory:\n  n: {version}\n", t.ClientKey));
            Expect(200, await steps.ApproveAsync(t.InstanceId, version, t.ApproverKey));
        }

        var results = await Task.WhenAll(
            steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/2/apply", null, t.ClientKey),
            node2.Post($"{ConfigSteps.Versions(t.InstanceId)}/3/apply", null, t.ClientKey));

        Assert.Equal(200, results[1].Code);
        // Applied first, version 2 is superseded by 3; applied second, it was already rejected by 3's application.
        Assert.True(results[0].Code == 200 || results[0].ErrorCode == "INVALID_STATE_TRANSITION", results[0].ToString());
        await ExpectOneActiveAsync(t.InstanceId, 3);
    }

    /// <summary>
    /// The instance reads its architecture from the history while the history, mid-command, tells the instance its new
    /// config_status: a call cycle would hang both until Orleans' 30 s response timeout.
    /// </summary>
    [Fact]
    public async Task Reads_through_the_instance_during_applies_never_wait_on_each_other()
    {
        var t = await steps.NewInitializedAsync();
        var instance = cluster.Grains.GetGrain<IInstanceGrain>(t.InstanceId);
        var history = cluster.Grains.GetGrain<IConfigHistoryGrain>(t.InstanceId);
        var approver = Actor.ForClientKey(t.ApproverCredentialId, t.ClientId);

        var work = Enumerable.Range(2, 4).Select(async version =>
        {
            var reads = Enumerable.Range(0, 10).Select(_ => instance.GetArchitecture(Actor.Admin)).ToList();
            Assert.True((await history.Propose(new ProposeConfigCommand($"memory:\n  n: {version}\n"), Actor.Admin)).IsSuccess);
            await Task.WhenAll(reads);
        }).ToList();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(10));
        var applies = Enumerable.Range(2, 4).Select(async version =>
        {
            await history.Approve(version, approver);
            var reads = Enumerable.Range(0, 10).Select(_ => instance.GetArchitecture(Actor.Admin)).ToList();
            await history.Apply(version, Actor.Admin);
            return await Task.WhenAll(reads);
        }).ToList();

        var results = await Task.WhenAll(applies).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results.SelectMany(r => r), read => Assert.True(read.IsSuccess));
        Assert.Equal(ConfigStatus.Active, (await instance.Get(Actor.Admin)).Value!.ConfigStatus);
    }

    private async Task ExpectOneActiveAsync(string instanceId, int version)
    {
        var list = await steps.Api.Get(ConfigSteps.Versions(instanceId));
        var active = list.Json.GetProperty("data").EnumerateArray().Where(v => v.GetProperty("status").GetString() == "active").ToList();
        Assert.Equal(version, Assert.Single(active).GetProperty("version").GetInt32());
        Assert.Equal(version, (await node2.Get($"/instances/{instanceId}/memory-architecture")).Json.GetProperty("version").GetInt32());
        Assert.Equal("active", await steps.ConfigStatusAsync(instanceId));
        Assert.Equal(JsonValueKind.Array, list.Json.GetProperty("data").ValueKind);
    }
}
