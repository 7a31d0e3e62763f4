using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Registry;

/// <summary>
/// The admin listing over an index cut into segments of three: every page size, with and without a status filter,
/// lists each client exactly once, in creation order, with the right totals, however the pages fall on segments.
/// </summary>
[Collection(SmallSegmentCollection.Name)]
public sealed class ClientIndexPagingTests(SmallSegmentClusterFixture cluster)
{
    private IClientRegistryGrain Registry => cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);

    [Fact]
    public async Task Status_filtered_pages_across_segments_list_every_client_once_in_creation_order()
    {
        var mine = new List<string>();
        for (var i = 0; i < 11; i++)
            mine.Add((await Registry.CreateClient(new CreateClientCommand(Scenario.UniqueName()), Actor.Admin)).Value!.ClientId);
        for (var i = 0; i < mine.Count; i++)
        {
            var client = cluster.Grains.GetGrain<IClientGrain>(mine[i]);
            if (i % 3 == 1)
                Assert.True((await client.Update(new UpdateClientCommand(Status: new Optional<string?>("inactive")), Actor.Admin)).IsSuccess);
            else if (i % 3 == 2)
                Assert.True((await client.SoftDelete(Actor.Admin)).IsSuccess);
        }

        var everyone = await ListAsync(null, pageSize: 100);
        Assert.True(everyone.Count > 3 * SmallSegmentClusterFixture.SegmentSize);
        Assert.Equal(everyone.OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId, StringComparer.Ordinal).Select(c => c.ClientId),
            everyone.Select(c => c.ClientId));
        Assert.Equal(mine, everyone.Select(c => c.ClientId).Where(mine.Contains));
        foreach (var status in new ClientStatus?[] { null, ClientStatus.Active, ClientStatus.Inactive, ClientStatus.SoftDeleted })
        {
            var expected = everyone.Where(c => status is null || c.Status == status).Select(c => c.ClientId).ToList();
            foreach (var pageSize in new[] { 1, 2, 4, 5 })
                Assert.Equal(expected, (await ListAsync(status, pageSize)).Select(c => c.ClientId));
        }
        var inactive = await ListAsync(ClientStatus.Inactive, 2);
        Assert.Equal(mine.Where((_, i) => i % 3 == 1), inactive.Select(c => c.ClientId).Where(mine.Contains));
    }

    [Fact]
    public async Task A_page_past_the_last_segment_is_empty_and_keeps_the_filtered_total()
    {
        await Registry.CreateClient(new CreateClientCommand(Scenario.UniqueName()), Actor.Admin);
        var active = (await Registry.ListClients("active", new PageRequest(1, 100), Actor.Admin)).Value!;

        var farPage = (await Registry.ListClients("active", new PageRequest(int.MaxValue, 100), Actor.Admin)).Value!;

        Assert.Empty(farPage.Data);
        Assert.Equal(active.Total, farPage.Total);
    }

    /// <summary>Walks every page of the listing; checks each page's total and size and each item's status.</summary>
    private async Task<List<ClientView>> ListAsync(ClientStatus? status, int pageSize)
    {
        var filter = status switch
        {
            null => null,
            ClientStatus.Active => "active",
            ClientStatus.Inactive => "inactive",
            _ => "soft_deleted",
        };
        var items = new List<ClientView>();
        for (var page = 1; ; page++)
        {
            var listed = await Registry.ListClients(filter, new PageRequest(page, pageSize), Actor.Admin);
            Assert.True(listed.IsSuccess, listed.Error?.ToString());
            var result = listed.Value!;
            Assert.All(result.Data, c => Assert.True(status is null || c.Status == status, $"{c.ClientId} is {c.Status}, listed under {status}"));
            items.AddRange(result.Data);
            Assert.Equal(Math.Min(pageSize, Math.Max(0, result.Total - (page - 1) * pageSize)), result.Data.Count);
            if (page >= result.TotalPages)
            {
                Assert.Equal(result.Total, items.Count);
                return items;
            }
        }
    }
}
