using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>
/// The directory of all clients (one activation, key <see cref="Key"/>): it creates clients, keeps client
/// names unique among non-deleted clients and serves the admin listing.
/// </summary>
[Alias("synap.client-registry")]
public interface IClientRegistryGrain : IGrainWithStringKey
{
    const string Key = "default";

    [Alias("create-client")]
    Task<Outcome<ClientView>> CreateClient(CreateClientCommand command, Actor actor);

    [Alias("list-clients")]
    Task<Outcome<Page<ClientView>>> ListClients(string? status, PageRequest page, Actor actor);
}
