using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Registry;

/// <summary>
/// A failed storage write in the registry's grains (name, index segment) fails the call, leaves nothing in memory
/// that storage does not have, and a retry converges: no name held by a create that failed, no client left unlisted.
/// </summary>
[Collection(SmallSegmentCollection.Name)]
public sealed class RegistryWriteFailureTests(SmallSegmentClusterFixture cluster)
{
    private IClientRegistryGrain Registry => cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);

    [Fact]
    public async Task A_create_whose_name_write_fails_fails_and_its_retry_creates_the_client()
    {
        var name = Scenario.UniqueName();
        var before = await TotalAsync();
        cluster.Faults.FailNextWrites("client-name");

        await Assert.ThrowsAnyAsync<Exception>(() => Registry.CreateClient(new CreateClientCommand(name), Actor.Admin));

        Assert.Equal(before, await TotalAsync());
        var retry = await Registry.CreateClient(new CreateClientCommand(name), Actor.Admin);
        Assert.True(retry.IsSuccess, retry.Error?.ToString());
        Assert.Equal(before + 1, await TotalAsync());
    }

    [Fact]
    public async Task A_create_whose_client_write_fails_leaves_the_name_free()
    {
        var name = Scenario.UniqueName();
        var before = await TotalAsync();
        cluster.Faults.FailNextWrites("client");

        await Assert.ThrowsAnyAsync<Exception>(() => Registry.CreateClient(new CreateClientCommand(name), Actor.Admin));

        Assert.Equal(before, await TotalAsync());
        var retry = await Registry.CreateClient(new CreateClientCommand(name), Actor.Admin);
        Assert.True(retry.IsSuccess, retry.Error?.ToString());
    }

    [Fact]
    public async Task A_create_whose_index_write_fails_is_listed_once_its_name_is_asked_for_again()
    {
        var name = Scenario.UniqueName();
        var before = await TotalAsync();
        cluster.Faults.FailNextWrites("client-index-segment");

        await Assert.ThrowsAnyAsync<Exception>(() => Registry.CreateClient(new CreateClientCommand(name), Actor.Admin));

        Assert.Equal(before, await TotalAsync());
        var retry = await Registry.CreateClient(new CreateClientCommand(name), Actor.Admin);
        Assert.Equal(ErrorCodes.NameConflict, retry.Error?.Code);
        var listed = await AllAsync();
        Assert.Equal(before + 1, listed.Count);
        Assert.Single(listed, c => c.Name == name);
    }

    [Fact]
    public async Task A_status_change_whose_index_write_fails_changes_nothing_and_its_retry_is_listed()
    {
        var clientId = (await Registry.CreateClient(new CreateClientCommand(Scenario.UniqueName()), Actor.Admin)).Value!.ClientId;
        var client = cluster.Grains.GetGrain<IClientGrain>(clientId);
        var deactivate = new UpdateClientCommand(Status: new Optional<string?>("inactive"));
        cluster.Faults.FailNextWrites("client-index-segment");

        await Assert.ThrowsAnyAsync<Exception>(() => client.Update(deactivate, Actor.Admin));

        Assert.DoesNotContain(await AllAsync("inactive"), c => c.ClientId == clientId);
        Assert.Equal(ClientStatus.Active, (await client.Get(Actor.Admin)).Value!.Status);
        Assert.True((await client.Update(deactivate, Actor.Admin)).IsSuccess);
        Assert.Contains(await AllAsync("inactive"), c => c.ClientId == clientId);
        Assert.DoesNotContain(await AllAsync("active"), c => c.ClientId == clientId);
    }

    private async Task<int> TotalAsync() => (await Registry.ListClients(null, new PageRequest(1, 1), Actor.Admin)).Value!.Total;

    private async Task<List<ClientView>> AllAsync(string? status = null)
    {
        var items = new List<ClientView>();
        for (var page = 1; ; page++)
        {
            var listed = (await Registry.ListClients(status, new PageRequest(page, 100), Actor.Admin)).Value!;
            items.AddRange(listed.Data);
            if (page >= listed.TotalPages)
                return items;
        }
    }
}
