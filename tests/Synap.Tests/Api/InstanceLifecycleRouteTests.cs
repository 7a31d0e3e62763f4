using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §5 lifecycle through HTTP: every PATCH status change from every status by a client key and by the
/// admin, DELETE (archive) and its consequences, and the effective status while the client is not active.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceLifecycleRouteTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    // expected: "ok" (200, new status), "same" (200, no-op), "admin" (403 ADMIN_REQUIRED), "invalid" (409 INVALID_STATE_TRANSITION)
    [Theory]
    [InlineData("provisioning", "provisioning", "client", "same")]
    [InlineData("provisioning", "active", "client", "invalid")]
    [InlineData("provisioning", "active", "admin", "invalid")]
    [InlineData("provisioning", "inactive", "client", "invalid")]
    [InlineData("provisioning", "inactive", "admin", "invalid")]
    [InlineData("provisioning", "suspended", "client", "invalid")]
    [InlineData("provisioning", "suspended", "admin", "invalid")]
    [InlineData("provisioning", "archived", "client", "invalid")]
    [InlineData("provisioning", "archived", "admin", "invalid")]
    [InlineData("active", "active", "client", "same")]
    [InlineData("active", "provisioning", "client", "invalid")]
    [InlineData("active", "provisioning", "admin", "invalid")]
    [InlineData("active", "inactive", "client", "ok")]
    [InlineData("active", "inactive", "admin", "ok")]
    [InlineData("active", "suspended", "client", "admin")]
    [InlineData("active", "suspended", "admin", "ok")]
    [InlineData("active", "archived", "client", "invalid")]
    [InlineData("active", "archived", "admin", "invalid")]
    [InlineData("inactive", "inactive", "client", "same")]
    [InlineData("inactive", "provisioning", "client", "invalid")]
    [InlineData("inactive", "provisioning", "admin", "invalid")]
    [InlineData("inactive", "active", "client", "ok")]
    [InlineData("inactive", "active", "admin", "ok")]
    [InlineData("inactive", "suspended", "client", "admin")]
    [InlineData("inactive", "suspended", "admin", "ok")]
    [InlineData("inactive", "archived", "client", "invalid")]
    [InlineData("inactive", "archived", "admin", "invalid")]
    [InlineData("suspended", "suspended", "admin", "same")]
    [InlineData("suspended", "provisioning", "client", "invalid")]
    [InlineData("suspended", "provisioning", "admin", "invalid")]
    [InlineData("suspended", "active", "client", "admin")]
    [InlineData("suspended", "active", "admin", "ok")]
    [InlineData("suspended", "inactive", "client", "invalid")]
    [InlineData("suspended", "inactive", "admin", "invalid")]
    [InlineData("suspended", "archived", "client", "invalid")]
    [InlineData("suspended", "archived", "admin", "invalid")]
    [InlineData("archived", "provisioning", "client", "invalid")]
    [InlineData("archived", "provisioning", "admin", "invalid")]
    [InlineData("archived", "active", "client", "invalid")]
    [InlineData("archived", "active", "admin", "invalid")]
    [InlineData("archived", "inactive", "client", "invalid")]
    [InlineData("archived", "inactive", "admin", "invalid")]
    [InlineData("archived", "suspended", "client", "invalid")]
    [InlineData("archived", "suspended", "admin", "invalid")]
    [InlineData("archived", "archived", "client", "invalid")]
    [InlineData("archived", "archived", "admin", "invalid")]
    public async Task Patching_the_status_follows_the_instance_lifecycle(string from, string to, string caller, string expected)
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, from);
        var key = caller == "admin" ? Admin : tenant.ClientKey;

        var patched = await steps.PatchAsync(id, new { status = to }, key);

        switch (expected)
        {
            case "ok" or "same":
                Expect(200, patched);
                Assert.Equal(to, patched.Str("status"));
                Assert.Equal(to, patched.Str("effective_status"));
                break;
            case "admin":
                ExpectError(403, "ADMIN_REQUIRED", patched);
                break;
            default:
                ExpectError(409, "INVALID_STATE_TRANSITION", patched);
                Assert.Equal(from, Detail(patched, "from"));
                Assert.Equal(to, Detail(patched, "to"));
                break;
        }
        Assert.Equal(expected is "ok" or "same" ? to : from, await steps.StatusOfAsync(id));
        var listed = await steps.ListAsync(tenant.ClientId);
        Assert.Equal(expected is "ok" or "same" ? to : from, listed.Json.GetProperty("data")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_illegal_status_in_a_patch_keeps_the_other_fields_unchanged_too()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var before = await steps.GetAsync(id);

        var patched = await steps.PatchAsync(id, new { name = Scenario.UniqueName("renamed"), status = "suspended" }, tenant.ClientKey);

        ExpectError(403, "ADMIN_REQUIRED", patched);
        Assert.Equal(before.Text, (await steps.GetAsync(id)).Text);
    }

    [Theory]
    [InlineData("provisioning", "client")]
    [InlineData("active", "client")]
    [InlineData("inactive", "client")]
    [InlineData("suspended", "client")]
    [InlineData("suspended", "admin")]
    public async Task Deleting_archives_the_instance_from_any_live_status(string from, string caller)
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, from);

        var archived = await steps.ArchiveAsync(id, caller == "admin" ? Admin : tenant.ClientKey);

        Expect(200, archived);
        Assert.Equal(id, archived.Str("id"));
        Assert.Equal("archived", archived.Str("status"));
        Assert.Equal("archived", archived.Str("effective_status"));
        var read = await steps.GetAsync(id, tenant.ClientKey);
        Expect(200, read);
        Assert.Equal("archived", read.Str("status"));
    }

    [Fact]
    public async Task Deleting_an_archived_instance_again_changes_nothing()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "archived");
        var before = await steps.GetAsync(id);

        var again = await steps.ArchiveAsync(id, tenant.ClientKey);

        Expect(200, again);
        Assert.Equal(before.Text, again.Text);
    }

    [Fact]
    public async Task An_archived_instance_is_final_for_every_field()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "archived");
        var before = await steps.GetAsync(id);

        var rename = await steps.PatchAsync(id, new { name = Scenario.UniqueName("renamed") });
        var init = await steps.InitAsync(id, new { config = MinimalConfig });

        ExpectError(409, "INVALID_STATE_TRANSITION", rename);
        Assert.Equal("archived", Detail(rename, "from"));
        ExpectError(409, "INVALID_STATE_TRANSITION", init);
        Assert.Equal("archived", Detail(init, "from"));
        Assert.Equal("active", Detail(init, "to"));
        Assert.Equal(before.Text, (await steps.GetAsync(id)).Text);
    }

    [Fact]
    public async Task Archiving_a_parent_with_live_children_is_a_conflict()
    {
        var tenant = await steps.NewTenantAsync();
        var parent = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var child = await steps.CreateInstanceAsync(tenant.ClientId, parentId: parent);
        var archivedChild = await steps.CreateInstanceAsync(tenant.ClientId, parentId: parent);
        Expect(200, await steps.ArchiveAsync(archivedChild));
        var parentKey = await steps.Scenario.CreateInstanceKeyAsync(parent);
        var before = await steps.GetAsync(parent);

        var refused = await steps.ArchiveAsync(parent, tenant.ClientKey);

        ExpectError(409, "HAS_CHILDREN", refused);
        Assert.Equal(parent, Detail(refused, "instance_id"));
        Assert.Equal(before.Text, (await steps.GetAsync(parent)).Text);
        Expect(200, await steps.GetAsync(parent, parentKey));

        Expect(200, await steps.ArchiveAsync(child, tenant.ClientKey));
        var archived = await steps.ArchiveAsync(parent, tenant.ClientKey);

        Expect(200, archived);
        Assert.Equal("archived", archived.Str("status"));
    }

    [Fact]
    public async Task Archiving_revokes_the_instance_keys()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var key = await steps.Scenario.CreateInstanceKeyAsync(id);
        Expect(200, await steps.GetAsync(id, key));

        Expect(200, await steps.ArchiveAsync(id, tenant.ClientKey));

        ExpectError(401, "INVALID_API_KEY", await steps.GetAsync(id, key));
        ExpectError(401, "INVALID_API_KEY", await cluster.Api2.Caller().Get($"/dashboard/instances/{id}", key));
        var keys = await steps.Api.Get($"/dashboard/instances/{id}/api-keys");
        Expect(200, keys);
        Assert.Equal(0, keys.Json.GetArrayLength());
    }

    [Fact]
    public async Task An_archived_instance_gets_no_new_keys()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "archived");

        var created = await steps.Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "late" }, tenant.ClientKey);

        ExpectError(403, "INSTANCE_NOT_ACTIVE", created);
        Assert.Equal("archived", Detail(created, "status"));
    }

    [Fact]
    public async Task Archiving_an_instance_lowers_the_clients_instance_count()
    {
        var tenant = await steps.NewTenantAsync();
        var kept = await steps.CreateInstanceAsync(tenant.ClientId);
        var archived = await steps.CreateInstanceAsync(tenant.ClientId);
        Assert.Equal(2, (await steps.Api.Get($"/dashboard/clients/{tenant.ClientId}")).Json.GetProperty("instances_count").GetInt32());

        Expect(200, await steps.ArchiveAsync(archived));

        Assert.Equal(1, (await steps.Api.Get($"/dashboard/clients/{tenant.ClientId}")).Json.GetProperty("instances_count").GetInt32());
        Expect(200, await steps.GetAsync(kept));
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("soft_deleted")]
    public async Task Instances_of_a_client_that_is_not_active_are_effectively_suspended(string clientStatus)
    {
        var tenant = await steps.NewTenantAsync();
        var active = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var inactive = await steps.InstanceInStatusAsync(tenant.ClientId, "inactive");
        var archived = await steps.InstanceInStatusAsync(tenant.ClientId, "archived");
        var key = await steps.Scenario.CreateInstanceKeyAsync(active);

        Expect(200, await steps.Api.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = clientStatus }));

        var whileOff = await steps.GetAsync(active);
        Assert.Equal("active", whileOff.Str("status"));
        Assert.Equal("suspended", whileOff.Str("effective_status"));
        Assert.Equal("suspended", (await steps.GetAsync(inactive)).Str("effective_status"));
        Assert.Equal("archived", (await steps.GetAsync(archived)).Str("effective_status"));
        var refused = await steps.GetAsync(active, key);
        ExpectError(403, "CLIENT_INACTIVE", refused);
        Assert.Equal(clientStatus, Detail(refused, "status"));
        ExpectError(403, "CLIENT_INACTIVE", await cluster.Api2.Caller().Get($"/dashboard/instances/{active}", key));

        Expect(200, await steps.Api.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "active" }));

        var restored = await steps.GetAsync(active, key);
        Expect(200, restored);
        Assert.Equal("active", restored.Str("status"));
        Assert.Equal("active", restored.Str("effective_status"));
        var restoredInactive = await steps.GetAsync(inactive);
        Assert.Equal("inactive", restoredInactive.Str("status"));
        Assert.Equal("inactive", restoredInactive.Str("effective_status"));
    }

    [Fact]
    public async Task An_instance_created_while_its_client_is_inactive_is_effectively_suspended()
    {
        var tenant = await steps.NewTenantAsync();
        Expect(200, await steps.Api.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "inactive" }));

        var created = await steps.CreateAsync(tenant.ClientId, new { name = Scenario.UniqueName("agent"), agent_type = "support" });

        Expect(201, created);
        Assert.Equal("provisioning", created.Str("status"));
        Assert.Equal("suspended", created.Str("effective_status"));
    }
}
