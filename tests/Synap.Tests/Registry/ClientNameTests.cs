using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Registry;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Registry;

/// <summary>Client names are unique among non-deleted clients, trimmed and ignoring case, through their name grains.</summary>
[Collection(SmallSegmentCollection.Name)]
public sealed class ClientNameTests(SmallSegmentClusterFixture cluster)
{
    private IClientRegistryGrain Registry => cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);

    [Fact]
    public async Task A_rename_frees_the_old_name_and_reserves_the_new_one()
    {
        var (oldName, newName) = (Scenario.UniqueName(), Scenario.UniqueName());
        var renamed = await CreateAsync(oldName);

        var rename = await cluster.Grains.GetGrain<IClientGrain>(renamed).Update(new UpdateClientCommand(Name: new Optional<string?>(newName)), Actor.Admin);

        Assert.True(rename.IsSuccess, rename.Error?.ToString());
        Assert.Equal(ErrorCodes.NameConflict, (await Registry.CreateClient(new CreateClientCommand(newName.ToUpperInvariant()), Actor.Admin)).Error?.Code);
        var reused = await Registry.CreateClient(new CreateClientCommand(oldName), Actor.Admin);
        Assert.True(reused.IsSuccess, reused.Error?.ToString());
        var renameBack = await cluster.Grains.GetGrain<IClientGrain>(renamed).Update(new UpdateClientCommand(Name: new Optional<string?>(oldName)), Actor.Admin);
        Assert.Equal(ErrorCodes.NameConflict, renameBack.Error?.Code);
    }

    [Fact]
    public async Task The_old_name_is_released_in_storage_once_the_rename_is_written()
    {
        var (oldName, newName) = (Scenario.UniqueName(), Scenario.UniqueName());
        var clientId = await CreateAsync(oldName);

        await cluster.Grains.GetGrain<IClientGrain>(clientId).Update(new UpdateClientCommand(Name: new Optional<string?>(newName)), Actor.Admin);

        var oldNameGrain = cluster.Grains.GetGrain<IClientNameGrain>(ClientNames.Key(oldName));
        await BoundedWait.UntilAsync("the old name is released in storage", TimeSpan.FromSeconds(10),
            async () => (await cluster.ReadStoredStateAsync<ClientNameState>(oldNameGrain, "client-name"))?.HolderClientId, holder => holder is null);
        var newNameGrain = cluster.Grains.GetGrain<IClientNameGrain>(ClientNames.Key(newName));
        Assert.Equal(clientId, (await cluster.ReadStoredStateAsync<ClientNameState>(newNameGrain, "client-name"))?.HolderClientId);
    }

    [Theory]
    [InlineData("ACME-{0}")]
    [InlineData("  acme-{0}  ")]
    [InlineData("Acme-{0}")]
    public async Task Names_are_unique_ignoring_case_and_surrounding_spaces(string variant)
    {
        var suffix = Guid.NewGuid().ToString("N");
        await CreateAsync($"acme-{suffix}");

        var duplicate = await Registry.CreateClient(new CreateClientCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, variant, suffix)), Actor.Admin);

        Assert.Equal(ErrorCodes.NameConflict, duplicate.Error?.Code);
    }

    [Fact]
    public async Task A_deleted_clients_name_is_free_and_restoring_it_conflicts_once_taken()
    {
        var name = Scenario.UniqueName();
        var deleted = await CreateAsync(name);
        Assert.True((await cluster.Grains.GetGrain<IClientGrain>(deleted).SoftDelete(Actor.Admin)).IsSuccess);

        await CreateAsync(name.ToUpperInvariant());
        var restore = await cluster.Grains.GetGrain<IClientGrain>(deleted).Update(new UpdateClientCommand(Status: new Optional<string?>("active")), Actor.Admin);

        Assert.Equal(ErrorCodes.NameConflict, restore.Error?.Code);
    }

    [Fact]
    public async Task Of_racing_creates_of_one_name_in_any_case_exactly_one_succeeds()
    {
        var name = Scenario.UniqueName();
        var variants = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? name : $" {name.ToUpperInvariant()}").ToList();

        var results = await Task.WhenAll(variants.Select(v => Registry.CreateClient(new CreateClientCommand(v), Actor.Admin)));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.NameConflict, r.Error!.Code));
        var listed = (await Registry.ListClients("active", new PageRequest(1, 100), Actor.Admin)).Value!;
        Assert.True(listed.Total >= 1);
    }

    private async Task<string> CreateAsync(string name)
    {
        var created = await Registry.CreateClient(new CreateClientCommand(name), Actor.Admin);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value!.ClientId;
    }
}
