using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>API.md §5 and §1: <c>GET /dashboard/instances?client_id=</c>, its envelope, order, filters and paging.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceListRouteTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task The_list_is_a_page_of_instance_summaries_in_creation_order()
    {
        var tenant = await steps.NewTenantAsync();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
            created.Add(await steps.CreateInstanceAsync(tenant.ClientId));

        var page = await steps.ListAsync(tenant.ClientId, key: tenant.ClientKey);

        Expect(200, page);
        ExpectFields(page.Json, "data", "page", "page_size", "total", "total_pages");
        Assert.Equal(1, page.Json.GetProperty("page").GetInt32());
        Assert.Equal(20, page.Json.GetProperty("page_size").GetInt32());
        Assert.Equal(3, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(1, page.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal(created, Ids(page));
        var first = page.Json.GetProperty("data")[0];
        ExpectFields(first, "id", "name", "status", "agent_type", "config_status", "created_at", "last_active_at");
        Assert.Equal("provisioning", first.GetProperty("status").GetString());
        Assert.Equal("pending", first.GetProperty("config_status").GetString());
        var times = page.Json.GetProperty("data").EnumerateArray().Select(i => Time(i.GetProperty("created_at"))).ToList();
        Assert.Equal(times.Order().ToList(), times);
    }

    [Fact]
    public async Task A_client_without_instances_lists_an_empty_page_with_zero_total_pages()
    {
        var tenant = await steps.NewTenantAsync();

        var page = await steps.ListAsync(tenant.ClientId);

        Expect(200, page);
        Assert.Empty(Ids(page));
        Assert.Equal(0, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(0, page.Json.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task Paging_cuts_the_ordered_list_into_pages()
    {
        var tenant = await steps.NewTenantAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
            created.Add(await steps.CreateInstanceAsync(tenant.ClientId));

        var first = await steps.ListAsync(tenant.ClientId, "&page=1&page_size=2");
        var second = await steps.ListAsync(tenant.ClientId, "&page=2&page_size=2");
        var third = await steps.ListAsync(tenant.ClientId, "&page=3&page_size=2");
        var beyond = await steps.ListAsync(tenant.ClientId, "&page=4&page_size=2");

        Assert.Equal(created[..2], Ids(first));
        Assert.Equal(created[2..4], Ids(second));
        Assert.Equal(created[4..], Ids(third));
        Assert.Empty(Ids(beyond));
        foreach (var page in new[] { first, second, third, beyond })
        {
            Assert.Equal(2, page.Json.GetProperty("page_size").GetInt32());
            Assert.Equal(5, page.Json.GetProperty("total").GetInt32());
            Assert.Equal(3, page.Json.GetProperty("total_pages").GetInt32());
        }
        Assert.Equal(4, beyond.Json.GetProperty("page").GetInt32());
    }

    [Theory]
    [InlineData("&page=0", "page")]
    [InlineData("&page=-1", "page")]
    [InlineData("&page=one", "page")]
    [InlineData("&page_size=0", "page_size")]
    [InlineData("&page_size=101", "page_size")]
    [InlineData("&status=paused", "status")]
    [InlineData("&status=ACTIVE", "status")]
    [InlineData("&parent_instance_id=inst_1", "parent_instance_id")]
    public async Task An_out_of_range_page_or_unknown_filter_value_is_invalid_input(string query, string field)
    {
        var tenant = await steps.NewTenantAsync();

        var page = await steps.ListAsync(tenant.ClientId, query);

        ExpectInvalidInput(field, page);
    }

    [Fact]
    public async Task Listing_without_client_id_is_invalid_input()
    {
        var page = await steps.Api.Get("/dashboard/instances");

        ExpectInvalidInput("client_id", page);
    }

    [Fact]
    public async Task The_status_filter_keeps_only_instances_in_that_status()
    {
        var tenant = await steps.NewTenantAsync();
        var provisioning = await steps.InstanceInStatusAsync(tenant.ClientId, "provisioning");
        var active = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var inactive = await steps.InstanceInStatusAsync(tenant.ClientId, "inactive");
        var archived = await steps.InstanceInStatusAsync(tenant.ClientId, "archived");

        Assert.Equal([provisioning], Ids(await steps.ListAsync(tenant.ClientId, "&status=provisioning")));
        Assert.Equal([active], Ids(await steps.ListAsync(tenant.ClientId, "&status=active")));
        Assert.Equal([inactive], Ids(await steps.ListAsync(tenant.ClientId, "&status=inactive")));
        Assert.Equal([archived], Ids(await steps.ListAsync(tenant.ClientId, "&status=archived")));
        Assert.Empty(Ids(await steps.ListAsync(tenant.ClientId, "&status=suspended")));
        Assert.Equal([provisioning, active, inactive, archived], Ids(await steps.ListAsync(tenant.ClientId)));
    }

    [Fact]
    public async Task The_parent_filter_keeps_only_the_children_of_that_parent()
    {
        var tenant = await steps.NewTenantAsync();
        var parent = await steps.CreateInstanceAsync(tenant.ClientId);
        var otherParent = await steps.CreateInstanceAsync(tenant.ClientId);
        var first = await steps.CreateInstanceAsync(tenant.ClientId, parentId: parent);
        await steps.CreateInstanceAsync(tenant.ClientId, parentId: otherParent);
        var second = await steps.CreateInstanceAsync(tenant.ClientId, parentId: parent);

        var children = await steps.ListAsync(tenant.ClientId, $"&parent_instance_id={parent}");
        var none = await steps.ListAsync(tenant.ClientId, $"&parent_instance_id={first}");
        var both = await steps.ListAsync(tenant.ClientId, $"&parent_instance_id={parent}&status=provisioning&page_size=1&page=2");

        Assert.Equal([first, second], Ids(children));
        Assert.Equal(2, children.Json.GetProperty("total").GetInt32());
        Assert.Empty(Ids(none));
        Assert.Equal([second], Ids(both));
    }

    [Fact]
    public async Task The_list_reflects_renames_and_status_changes()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, "active");
        var name = Scenario.UniqueName("renamed");
        Expect(200, await steps.PatchAsync(id, new { name, status = "inactive" }));

        var page = await steps.ListAsync(tenant.ClientId);

        var summary = Assert.Single(page.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(name, summary.GetProperty("name").GetString());
        Assert.Equal("inactive", summary.GetProperty("status").GetString());
        Assert.Equal("active", summary.GetProperty("config_status").GetString());
    }
}
