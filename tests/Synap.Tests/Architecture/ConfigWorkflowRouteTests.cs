using System.Text.Json;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Architecture;

/// <summary>API.md §7 over HTTP: propose → approve by another credential → apply, and the instance's <c>config_status</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigWorkflowRouteTests(ClusterFixture cluster)
{
    private const string V2 = "memory:\n  types: [episodic, semantic]\n";
    private const string V3 = "memory:\n  types: [semantic]\n";

    private readonly ConfigSteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task A_proposal_is_pending_approval_and_so_is_the_instance()
    {
        var t = await steps.NewInitializedAsync();

        var proposed = await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey);

        Expect(201, proposed);
        ExpectFields(proposed.Json, "config_id", "version", "status", "config", "created_at", "created_by", "approved_by", "applied_at");
        Assert.Matches("^cfg_[0-9a-f]{16}$", proposed.Str("config_id"));
        Assert.Equal(2, proposed.Json.GetProperty("version").GetInt32());
        Assert.Equal("pending_approval", proposed.Str("status"));
        Assert.Equal(V2, proposed.Str("config"));
        Assert.Equal(JsonValueKind.Null, proposed.Json.GetProperty("approved_by").ValueKind);
        Assert.Equal(JsonValueKind.Null, proposed.Json.GetProperty("applied_at").ValueKind);
        Assert.Equal("pending_approval", await steps.ConfigStatusAsync(t.InstanceId));
        Assert.Equal(ConfigSteps.V1, (await steps.ActiveAsync(t.InstanceId)).Str("config"));
    }

    [Fact]
    public async Task Approve_then_apply_makes_the_proposal_active_and_supersedes_the_previous_one()
    {
        var t = await steps.NewInitializedAsync();
        var proposed = await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey);

        var approved = await steps.ApproveAsync(t.InstanceId, 2, t.ApproverKey);
        var statusWhileApproved = await steps.ConfigStatusAsync(t.InstanceId);
        var applied = await steps.ApplyAsync(t.InstanceId, 2, t.ClientKey);

        Expect(200, approved);
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal(t.ApproverCredentialId, approved.Str("approved_by"));
        Assert.Equal("pending_approval", statusWhileApproved);
        Expect(200, applied);
        Assert.Equal("active", applied.Str("status"));
        Assert.Equal(proposed.Str("config_id"), applied.Str("config_id"));
        ExpectUtcTime(applied.Json.GetProperty("applied_at"));
        Assert.Equal(applied.Text, (await steps.ActiveAsync(t.InstanceId)).Text);
        Assert.Equal(applied.Text, (await cluster.Api2.Caller().Get($"/instances/{t.InstanceId}/memory-architecture")).Text);
        Assert.Equal("active", await steps.ConfigStatusAsync(t.InstanceId));
        var versions = await steps.Api.Get(ConfigSteps.Versions(t.InstanceId), t.ClientKey);
        Assert.Equal(["superseded", "active"], Statuses(versions));
    }

    [Fact]
    public async Task The_proposer_may_not_approve_its_own_proposal()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));
        var byAdmin = await steps.ProposeAsync(t.InstanceId, V3, Admin);

        var own = await steps.ApproveAsync(t.InstanceId, 2, t.ClientKey);
        var adminOwn = await steps.ApproveAsync(t.InstanceId, 3, Admin);
        var adminOther = await steps.ApproveAsync(t.InstanceId, 2, Admin);

        ExpectError(403, "FORBIDDEN", own);
        Assert.Contains("proposed", Detail(own, "reason"), StringComparison.Ordinal);
        Assert.Equal("admin", byAdmin.Str("created_by"));
        ExpectError(403, "FORBIDDEN", adminOwn);
        Expect(200, adminOther);
        Assert.Equal("admin", adminOther.Str("approved_by"));
    }

    [Fact]
    public async Task Applying_the_active_version_is_config_already_active()
    {
        var t = await steps.NewInitializedAsync();

        var again = await steps.ApplyAsync(t.InstanceId, 1, t.ClientKey);

        ExpectError(409, "CONFIG_ALREADY_ACTIVE", again);
        Assert.Equal("1", Detail(again, "version"));
    }

    [Fact]
    public async Task Applying_an_unapproved_version_is_an_invalid_transition()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));

        var apply = await steps.ApplyAsync(t.InstanceId, 2, t.ClientKey);

        ExpectError(409, "INVALID_STATE_TRANSITION", apply);
        Assert.Equal("pending_approval", Detail(apply, "from"));
        Assert.Equal("active", Detail(apply, "to"));
        Assert.Equal(ConfigSteps.V1, (await steps.ActiveAsync(t.InstanceId)).Str("config"));
    }

    [Fact]
    public async Task Approving_a_version_that_is_not_pending_is_an_invalid_transition()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));
        Expect(200, await steps.ApproveAsync(t.InstanceId, 2, t.ApproverKey));

        var twice = await steps.ApproveAsync(t.InstanceId, 2, Admin);
        var active = await steps.ApproveAsync(t.InstanceId, 1, t.ApproverKey);

        ExpectError(409, "INVALID_STATE_TRANSITION", twice);
        Assert.Equal("approved", Detail(twice, "from"));
        Assert.Equal("approved", Detail(twice, "to"));
        ExpectError(409, "INVALID_STATE_TRANSITION", active);
        Assert.Equal("active", Detail(active, "from"));
    }

    [Fact]
    public async Task A_superseded_or_rejected_version_cannot_be_applied_again()
    {
        var t = await steps.NewInitializedAsync();
        await steps.RollOutAsync(t, V2);
        Expect(201, await steps.ProposeAsync(t.InstanceId, V3, t.ClientKey));
        var rejected = await steps.RejectAsync(t.InstanceId, 3, t.ApproverKey);

        var superseded = await steps.ApplyAsync(t.InstanceId, 1, t.ClientKey);
        var afterReject = await steps.ApplyAsync(t.InstanceId, 3, t.ClientKey);

        Expect(200, rejected);
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("active", await steps.ConfigStatusAsync(t.InstanceId));
        ExpectError(409, "INVALID_STATE_TRANSITION", superseded);
        Assert.Equal("superseded", Detail(superseded, "from"));
        ExpectError(409, "INVALID_STATE_TRANSITION", afterReject);
        Assert.Equal("rejected", Detail(afterReject, "from"));
    }

    [Fact]
    public async Task Applying_a_newer_proposal_rejects_older_pending_ones_and_keeps_newer_ones()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));
        Expect(201, await steps.ProposeAsync(t.InstanceId, V3, t.ClientKey));
        Expect(201, await steps.ProposeAsync(t.InstanceId, "memory:\n  types: [procedural]\n", t.ClientKey));
        Expect(200, await steps.ApproveAsync(t.InstanceId, 3, t.ApproverKey));

        Expect(200, await steps.ApplyAsync(t.InstanceId, 3, t.ClientKey));

        var versions = await steps.Api.Get(ConfigSteps.Versions(t.InstanceId), t.ClientKey);
        Assert.Equal(["superseded", "rejected", "active", "pending_approval"], Statuses(versions));
        Assert.Equal("pending_approval", await steps.ConfigStatusAsync(t.InstanceId));
        Expect(200, await steps.RejectAsync(t.InstanceId, 4, t.ApproverKey));
        Assert.Equal("active", await steps.ConfigStatusAsync(t.InstanceId));
    }

    [Fact]
    public async Task Unknown_versions_are_not_found_and_malformed_ones_are_invalid_input()
    {
        var t = await steps.NewInitializedAsync();

        foreach (var action in new[] { "approve", "apply", "reject" })
        {
            var unknown = await steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/7/{action}", null, t.ClientKey);
            ExpectError(404, "NOT_FOUND", unknown);
            Assert.Equal("7", Detail(unknown, "version"));
            ExpectInvalidInput("version", await steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/0/{action}", null, t.ClientKey));
            ExpectInvalidInput("version", await steps.Api.Post($"{ConfigSteps.Versions(t.InstanceId)}/two/{action}", null, t.ClientKey));
        }
    }

    [Fact]
    public async Task Proposals_follow_the_yaml_rules_of_init()
    {
        var t = await steps.NewInitializedAsync();

        ExpectInvalidInput("config", await steps.Api.Post(ConfigSteps.Versions(t.InstanceId), new { }, t.ClientKey));
        ExpectInvalidInput("config", await steps.ProposeAsync(t.InstanceId, "- a\n- list\n", t.ClientKey));
        ExpectInvalidInput("config", await steps.ProposeAsync(t.InstanceId, "memory: [unclosed", t.ClientKey));
        ExpectInvalidInput("config", await steps.ProposeAsync(t.InstanceId, "k: " + new string('x', 64 * 1024), t.ClientKey));
        ExpectInvalidInput("config", await steps.Api.Send(HttpMethod.Post, ConfigSteps.Versions(t.InstanceId), t.ClientKey, """{"config": 5}"""));

        Assert.Equal(["active"], Statuses(await steps.Api.Get(ConfigSteps.Versions(t.InstanceId), t.ClientKey)));
        Assert.Equal("active", await steps.ConfigStatusAsync(t.InstanceId));
    }

    [Fact]
    public async Task Before_init_a_proposal_is_not_found_and_the_list_is_empty()
    {
        var tenant = await steps.Instances.NewTenantAsync();
        var id = await steps.Instances.CreateInstanceAsync(tenant.ClientId);

        var proposed = await steps.ProposeAsync(id, V2, tenant.ClientKey);
        var list = await steps.Api.Get(ConfigSteps.Versions(id), tenant.ClientKey);

        ExpectError(404, "NOT_FOUND", proposed);
        Assert.Equal(id, Detail(proposed, "instance_id"));
        Expect(200, list);
        Assert.Equal(0, list.Json.GetProperty("total").GetInt32());
        Assert.Equal("pending", await steps.ConfigStatusAsync(id));
    }

    [Fact]
    public async Task An_archived_instance_keeps_its_history_readable_and_refuses_changes()
    {
        var t = await steps.NewInitializedAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));
        Expect(200, await steps.Instances.ArchiveAsync(t.InstanceId));

        var propose = await steps.ProposeAsync(t.InstanceId, V3, t.ClientKey);
        var approve = await steps.ApproveAsync(t.InstanceId, 2, t.ApproverKey);

        ExpectError(403, "INSTANCE_NOT_ACTIVE", propose);
        Assert.Equal("archived", Detail(propose, "status"));
        ExpectError(403, "INSTANCE_NOT_ACTIVE", approve);
        Expect(200, await steps.ActiveAsync(t.InstanceId));
        Assert.Equal(2, (await steps.Api.Get(ConfigSteps.Versions(t.InstanceId))).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Its_own_instance_key_is_forbidden_and_other_tenants_see_nothing()
    {
        var t = await steps.NewInitializedAsync();
        var instanceKey = await steps.Instances.Scenario.CreateInstanceKeyAsync(t.InstanceId);
        var other = await steps.Instances.NewTenantAsync();
        Expect(201, await steps.ProposeAsync(t.InstanceId, V2, t.ClientKey));

        foreach (var (method, path) in Routes(t.InstanceId))
        {
            var body = method == HttpMethod.Post && path.EndsWith("/versions", StringComparison.Ordinal) ? new { config = V3 } : null;
            ExpectError(403, "FORBIDDEN", await steps.Api.Send(method, path, instanceKey, body));
            ExpectError(404, "INSTANCE_NOT_FOUND", await steps.Api.Send(method, path, other.ClientKey, body));
        }
        Assert.Equal(["active", "pending_approval"], Statuses(await steps.Api.Get(ConfigSteps.Versions(t.InstanceId))));
    }

    [Fact]
    public async Task Versions_are_paged_oldest_first()
    {
        var t = await steps.NewInitializedAsync();
        for (var i = 2; i <= 5; i++)
            Expect(201, await steps.ProposeAsync(t.InstanceId, $"memory:\n  n: {i}\n", t.ClientKey));

        var first = await steps.Api.Get($"{ConfigSteps.Versions(t.InstanceId)}?page=1&page_size=2", t.ClientKey);
        var last = await steps.Api.Get($"{ConfigSteps.Versions(t.InstanceId)}?page=3&page_size=2", t.ClientKey);
        var bad = await steps.Api.Get($"{ConfigSteps.Versions(t.InstanceId)}?page_size=101", t.ClientKey);

        Expect(200, first);
        Assert.Equal([1, 2], Numbers(first));
        Assert.Equal(5, first.Json.GetProperty("total").GetInt32());
        Assert.Equal(3, first.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal([5], Numbers(last));
        Assert.Equal("memory:\n  n: 5\n", last.Json.GetProperty("data")[0].GetProperty("config").GetString());
        ExpectInvalidInput("page_size", bad);
    }

    [Fact]
    public async Task Each_step_is_audited_in_the_instance_log_without_the_yaml()
    {
        var t = await steps.NewInitializedAsync();

        await steps.RollOutAsync(t, V2);

        var entries = await steps.Api.EntriesAsync($"/dashboard/instances/{t.InstanceId}");
        var proposed = AuditAssert.Single(entries, "instance.config_proposed");
        var approved = AuditAssert.Single(entries, "instance.config_approved");
        var applied = AuditAssert.Single(entries, "instance.config_applied");
        Assert.Equal("client_key", proposed.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal(t.ApproverCredentialId, approved.GetProperty("actor").GetProperty("credential_id").GetString());
        Assert.Equal("pending_approval", proposed.GetProperty("changes").GetProperty("config_status").GetProperty("to").GetString());
        Assert.Equal(t.ApproverCredentialId, approved.GetProperty("changes").GetProperty("approved_by").GetProperty("to").GetString());
        Assert.Equal("superseded", applied.GetProperty("changes").GetProperty("versions.1.status").GetProperty("to").GetString());
        Assert.Equal("active", applied.GetProperty("changes").GetProperty("config_status").GetProperty("to").GetString());
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains("semantic", StringComparison.Ordinal));
    }

    private static IEnumerable<(HttpMethod, string)> Routes(string id) =>
    [
        (HttpMethod.Get, $"/instances/{id}/memory-architecture"),
        (HttpMethod.Get, ConfigSteps.Versions(id)),
        (HttpMethod.Post, ConfigSteps.Versions(id)),
        (HttpMethod.Post, $"{ConfigSteps.Versions(id)}/2/approve"),
        (HttpMethod.Post, $"{ConfigSteps.Versions(id)}/2/apply"),
        (HttpMethod.Post, $"{ConfigSteps.Versions(id)}/2/reject"),
    ];

    private static string[] Statuses(ApiResponse page) =>
        page.Json.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("status").GetString()!).ToArray();

    private static int[] Numbers(ApiResponse page) =>
        page.Json.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray();
}
