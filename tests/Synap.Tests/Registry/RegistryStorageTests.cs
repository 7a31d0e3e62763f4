using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Registry;

/// <summary>
/// What the registry stores is bounded: no client's <c>context</c> outside the client's own row (and its audit log),
/// and a former all-clients registry row is migrated to name grains and index segments on first activation.
/// </summary>
[Collection(SmallSegmentCollection.Name)]
public sealed class RegistryStorageTests(SmallSegmentClusterFixture cluster)
{
    [Fact]
    public async Task No_registry_or_index_row_holds_a_clients_context()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var context = new JsonText($"{{\"notes\": \"{marker}{new string('x', 20_000)}\"}}");
        var registry = cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);

        var created = await registry.CreateClient(new CreateClientCommand(Scenario.UniqueName(), Context: context), Actor.Admin);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        await cluster.Grains.GetGrain<IClientGrain>(created.Value!.ClientId)
            .Update(new UpdateClientCommand(Context: new Optional<JsonText?>(new JsonText($"{{\"notes\": \"{marker}-2\"}}"))), Actor.Admin);

        Assert.Equal(["audit-segment", "client"], (await cluster.StateNamesContainingAsync(marker)).Order(StringComparer.Ordinal));
        Assert.Empty((await cluster.ReadStoredStateAsync<ClientRegistryState>(registry, "client-registry"))?.Clients ?? []);
        var listed = await registry.ListClients(null, new PageRequest(1, 100), Actor.Admin);
        Assert.Contains(listed.Value!.Data, c => c.ClientId == created.Value.ClientId && c.Context.Json.Contains(marker + "-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_former_registry_row_is_migrated_on_activation_names_reserved_and_clients_listed_in_order()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var views = new List<ClientView>();
        for (var i = 0; i < 7; i++)
        {
            var view = new ClientView($"cli_{Guid.NewGuid():N}"[..20], Scenario.UniqueName(), null, null, JsonText.EmptyObject,
                i == 3 ? ClientStatus.SoftDeleted : ClientStatus.Active, ClientTier.Free, 60, 10, 0, start.AddMinutes(i), start.AddMinutes(i));
            Assert.True((await cluster.Grains.GetGrain<IClientMembership>(view.ClientId).Initialize(view)).IsSuccess);
            views.Add(view);
        }
        var legacy = cluster.Grains.GetGrain<IClientRegistryGrain>($"legacy-{Guid.NewGuid():N}");
        await cluster.WriteStoredStateAsync(legacy, "client-registry",
            new ClientRegistryState { Clients = views.ToDictionary(v => v.ClientId) });

        var listed = await legacy.ListClients(null, new PageRequest(1, 100), Actor.Admin);

        Assert.Equal(views.Select(v => v.ClientId), listed.Value!.Data.Select(c => c.ClientId));
        Assert.Equal(views.Count, listed.Value.Total);
        Assert.Equal(6, (await legacy.ListClients("active", new PageRequest(1, 2), Actor.Admin)).Value!.Total);
        Assert.Empty((await cluster.ReadStoredStateAsync<ClientRegistryState>(legacy, "client-registry"))?.Clients ?? []);
        var registry = cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);
        Assert.Equal(ErrorCodes.NameConflict, (await registry.CreateClient(new CreateClientCommand(views[0].Name), Actor.Admin)).Error?.Code);
        Assert.True((await registry.CreateClient(new CreateClientCommand(views[3].Name), Actor.Admin)).IsSuccess);
    }
}
