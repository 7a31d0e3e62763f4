using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Clients;

/// <summary>The registry's side of its coordination with clients: every client publishes each new version of itself.</summary>
[Alias("synap.client-registry-membership")]
public interface IClientRegistryMembership : IGrainWithStringKey
{
    /// <summary>Records a client's new view; refuses a name already used by another non-deleted client.</summary>
    [Alias("publish-client")]
    Task<Outcome<ClientView>> PublishClient(ClientView view);
}
