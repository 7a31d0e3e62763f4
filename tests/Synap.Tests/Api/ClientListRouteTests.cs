using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §1 pagination and §4 <c>GET /dashboard/clients</c>: the envelope, page arithmetic and the status filter.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientListRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task The_client_list_is_the_pagination_envelope_with_defaults_page_1_and_page_size_20()
    {
        await Scenario.CreateClientAsync();

        var list = await api.Get("/dashboard/clients");

        ApiExpect.Status(list, 200);
        Assert.Equal(["data", "page", "page_size", "total", "total_pages"], list.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, list.Json.GetProperty("page").GetInt32());
        Assert.Equal(20, list.Json.GetProperty("page_size").GetInt32());
        var total = list.Json.GetProperty("total").GetInt32();
        Assert.True(total >= 1);
        Assert.Equal((total + 19) / 20, list.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal(Math.Min(total, 20), list.Json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Pages_slice_the_clients_in_creation_order_and_total_pages_rounds_up()
    {
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
            mine.Add(await Scenario.CreateClientAsync());

        var total = (await api.Get("/dashboard/clients?page_size=1")).Json.GetProperty("total").GetInt32();
        var lastThree = new List<string>();
        for (var page = total - 2; page <= total; page++)
        {
            var one = await api.Get($"/dashboard/clients?page={page}&page_size=1");
            Assert.Equal(page, one.Json.GetProperty("page").GetInt32());
            Assert.Equal(1, one.Json.GetProperty("page_size").GetInt32());
            Assert.Equal(total, one.Json.GetProperty("total_pages").GetInt32());
            lastThree.Add(one.Json.GetProperty("data")[0].GetProperty("client_id").GetString()!);
        }
        var byTwo = await api.Get("/dashboard/clients?page_size=2");

        Assert.Equal(mine, lastThree);
        Assert.Equal((total + 1) / 2, byTwo.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal(total, byTwo.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_keeps_the_totals()
    {
        await Scenario.CreateClientAsync();
        var total = (await api.Get("/dashboard/clients?page_size=100")).Json.GetProperty("total").GetInt32();
        var pastTheEnd = total / 100 + 2;

        var list = await api.Get($"/dashboard/clients?page={pastTheEnd}&page_size=100");

        ApiExpect.Status(list, 200);
        Assert.Equal(0, list.Json.GetProperty("data").GetArrayLength());
        Assert.Equal(pastTheEnd, list.Json.GetProperty("page").GetInt32());
        Assert.Equal(total, list.Json.GetProperty("total").GetInt32());
        Assert.Equal((total + 99) / 100, list.Json.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task The_status_filter_lists_exactly_the_clients_in_that_status()
    {
        var active = await Scenario.CreateClientAsync();
        var inactive = await Scenario.CreateClientAsync();
        var deleted = await Scenario.CreateClientAsync();
        ApiExpect.Status(await api.Patch($"/dashboard/clients/{inactive}", new { status = "inactive" }), 200);
        ApiExpect.Status(await api.Delete($"/dashboard/clients/{deleted}"), 200);

        var listed = new Dictionary<string, IReadOnlyCollection<string>>();
        foreach (var status in new[] { "active", "inactive", "soft_deleted" })
            listed[status] = await ListClientIdsAsync($"status={status}", status);
        var all = await ListClientIdsAsync("", expectedStatus: null);

        Assert.Contains(active, listed["active"]);
        Assert.DoesNotContain(active, listed["inactive"].Concat(listed["soft_deleted"]));
        Assert.Contains(inactive, listed["inactive"]);
        Assert.DoesNotContain(inactive, listed["active"].Concat(listed["soft_deleted"]));
        Assert.Contains(deleted, listed["soft_deleted"]);
        Assert.DoesNotContain(deleted, listed["active"].Concat(listed["inactive"]));
        Assert.Superset(new HashSet<string> { active, inactive, deleted }, all.ToHashSet());
        Assert.Equal(all.Count, listed.Values.Sum(ids => ids.Count));
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("Active")]
    [InlineData("")]
    public async Task An_unknown_status_filter_is_invalid_input(string status)
    {
        var response = await api.Get($"/dashboard/clients?status={status}");

        ApiExpect.InvalidInput(response, "status");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("page=", "page")]
    [InlineData("page=99999999999999999999", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page_size=-20", "page_size")]
    [InlineData("page_size=ten", "page_size")]
    [InlineData("page_size=%2B5", "page_size")]
    public async Task Page_or_page_size_out_of_range_or_not_an_integer_is_invalid_input(string query, string field)
    {
        var response = await api.Get($"/dashboard/clients?{query}");

        ApiExpect.InvalidInput(response, field);
    }

    [Fact]
    public async Task Page_size_100_and_the_largest_page_number_are_accepted()
    {
        var largest = await api.Get("/dashboard/clients?page_size=100");
        var farPage = await api.Get($"/dashboard/clients?page={int.MaxValue}&page_size=100");

        ApiExpect.Status(largest, 200);
        ApiExpect.Status(farPage, 200);
        Assert.Equal(0, farPage.Json.GetProperty("data").GetArrayLength());
    }

    /// <summary>Every client id of a listing, walking its pages; checks each item has the filtered status.</summary>
    private async Task<IReadOnlyCollection<string>> ListClientIdsAsync(string filter, string? expectedStatus)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var response = await api.Get($"/dashboard/clients?{filter}&page={page}&page_size=100");
            ApiExpect.Status(response, 200);
            foreach (var client in response.Json.GetProperty("data").EnumerateArray())
            {
                if (expectedStatus is not null)
                    Assert.Equal(expectedStatus, client.GetProperty("status").GetString());
                ids.Add(client.GetProperty("client_id").GetString()!);
            }
            Assert.Equal(response.Json.GetProperty("total").GetInt32() == 0 ? 0 : (response.Json.GetProperty("total").GetInt32() + 99) / 100,
                response.Json.GetProperty("total_pages").GetInt32());
            if (page >= response.Json.GetProperty("total_pages").GetInt32())
            {
                Assert.Equal(response.Json.GetProperty("total").GetInt32(), ids.Count);
                return ids;
            }
        }
    }
}
