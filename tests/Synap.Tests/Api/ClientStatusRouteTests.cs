using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §4 client status machine through HTTP: every transition, soft delete, and what an inactive client's keys get.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientStatusRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    public static TheoryData<string, string, int> StatusTransitions => new()
    {
        { "active", "inactive", 200 },
        { "active", "soft_deleted", 200 },
        { "active", "active", 200 },
        { "inactive", "active", 200 },
        { "inactive", "soft_deleted", 200 },
        { "inactive", "inactive", 200 },
        { "soft_deleted", "active", 200 },
        { "soft_deleted", "soft_deleted", 200 },
        { "soft_deleted", "inactive", 409 },
    };

    [Theory]
    [MemberData(nameof(StatusTransitions))]
    public async Task Every_client_status_transition_is_allowed_or_refused_as_the_status_machine_says(string from, string to, int expected)
    {
        var clientId = await ClientInStatusAsync(from);
        var before = await api.Get($"/dashboard/clients/{clientId}");

        var response = await api.Patch($"/dashboard/clients/{clientId}", new { status = to });

        var after = await api.Get($"/dashboard/clients/{clientId}");
        if (expected == 200)
        {
            ApiExpect.Status(response, 200);
            Assert.Equal(to, response.Str("status"));
            Assert.Equal(to, after.Str("status"));
            if (from == to)
                Assert.Equal(before.Text, response.Text);
        }
        else
        {
            var details = ApiExpect.Error(response, 409, "INVALID_STATE_TRANSITION");
            Assert.Equal(from, details.GetProperty("from").GetString());
            Assert.Equal(to, details.GetProperty("to").GetString());
            Assert.Equal(before.Text, after.Text);
        }
    }

    [Fact]
    public async Task Deleting_a_client_soft_deletes_it_and_it_stays_readable()
    {
        var clientId = await Scenario.CreateClientAsync();

        var deleted = await api.Delete($"/dashboard/clients/{clientId}");

        ApiExpect.Status(deleted, 200);
        Assert.Equal(clientId, deleted.Str("client_id"));
        Assert.Equal("soft_deleted", deleted.Str("status"));
        var read = await cluster.Api2.Caller().Get($"/dashboard/clients/{clientId}");
        ApiExpect.Status(read, 200);
        Assert.Equal("soft_deleted", read.Str("status"));
    }

    [Fact]
    public async Task Deleting_a_soft_deleted_client_again_is_a_no_op()
    {
        var clientId = await Scenario.CreateClientAsync();
        var first = await api.Delete($"/dashboard/clients/{clientId}");

        var second = await api.Delete($"/dashboard/clients/{clientId}");

        ApiExpect.Status(second, 200);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Deleting_an_inactive_client_soft_deletes_it()
    {
        var clientId = await ClientInStatusAsync("inactive");

        var deleted = await api.Delete($"/dashboard/clients/{clientId}");

        ApiExpect.Status(deleted, 200);
        Assert.Equal("soft_deleted", deleted.Str("status"));
    }

    [Fact]
    public async Task Deleting_a_client_needs_the_admin_key()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        var response = await api.Delete($"/dashboard/clients/{clientId}", key);

        ApiExpect.Error(response, 403, "ADMIN_REQUIRED");
        Assert.Equal("active", (await api.Get($"/dashboard/clients/{clientId}")).Str("status"));
    }

    [Fact]
    public async Task Deleting_an_unknown_client_is_client_not_found()
    {
        var response = await api.Delete("/dashboard/clients/cli_00000000000000ff");

        ApiExpect.Error(response, 404, "CLIENT_NOT_FOUND");
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("soft_deleted")]
    public async Task Keys_of_a_client_that_is_not_active_are_refused_until_it_is_reactivated(string status)
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);
        var path = $"/dashboard/clients/{clientId}";
        ApiExpect.Status(await api.Get(path, key), 200);

        ApiExpect.Status(await api.Patch(path, new { status }), 200);
        var refused1 = await api.Get(path, key);
        var refused2 = await cluster.Api2.Caller().Get($"{path}/api-keys", key);
        var byAdmin = await api.Get(path);
        ApiExpect.Status(await api.Patch(path, new { status = "active" }), 200);
        var restored1 = await api.Get(path, key);
        var restored2 = await cluster.Api2.Caller().Get(path, key);

        Assert.Equal(status, ApiExpect.Error(refused1, 403, "CLIENT_INACTIVE").GetProperty("status").GetString());
        ApiExpect.Error(refused2, 403, "CLIENT_INACTIVE");
        ApiExpect.Status(byAdmin, 200);
        ApiExpect.Status(restored1, 200);
        ApiExpect.Status(restored2, 200);
    }

    [Fact]
    public async Task Instance_keys_of_an_inactive_client_are_refused_and_its_instances_show_as_suspended_until_reactivation()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        await Scenario.InitAsync(instanceId);
        var instanceKey = await Scenario.CreateInstanceKeyAsync(instanceId);
        var instancePath = $"/dashboard/instances/{instanceId}";

        ApiExpect.Status(await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" }), 200);
        var refused = await api.Get(instancePath, instanceKey);
        var whileInactive = await api.Get(instancePath);
        ApiExpect.Status(await api.Patch($"/dashboard/clients/{clientId}", new { status = "active" }), 200);
        var accepted = await api.Get(instancePath, instanceKey);

        ApiExpect.Error(refused, 403, "CLIENT_INACTIVE");
        Assert.Equal("active", whileInactive.Str("status"));
        Assert.Equal("suspended", whileInactive.Str("effective_status"));
        ApiExpect.Status(accepted, 200);
        Assert.Equal("active", accepted.Str("status"));
        Assert.Equal("active", accepted.Str("effective_status"));
    }

    private async Task<string> ClientInStatusAsync(string status)
    {
        var clientId = await Scenario.CreateClientAsync();
        var moved = status switch
        {
            "active" => null,
            "inactive" => await api.Patch($"/dashboard/clients/{clientId}", new { status }),
            "soft_deleted" => await api.Delete($"/dashboard/clients/{clientId}"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        if (moved is not null)
            Assert.Equal(status, moved.Str("status"));
        return clientId;
    }
}
