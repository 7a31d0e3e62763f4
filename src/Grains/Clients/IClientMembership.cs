using Orleans.Concurrency;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Clients;

/// <summary>
/// The client grain's side of its coordination with the registry and with its instances. Calls only go
/// registry → client (create), client → instance (create, status push) and instance → client (publish,
/// status pull); the two calls that could close a cycle (status pull and push) are interleaved.
/// </summary>
[Alias("synap.client-membership")]
public interface IClientMembership : IGrainWithStringKey
{
    [Alias("initialize")]
    Task<Outcome<ClientView>> Initialize(ClientView view);

    /// <summary>Records an instance's new name or status; refuses a duplicate name or archiving a parent of live children.</summary>
    [Alias("publish-instance")]
    Task<Outcome<InstanceListing>> PublishInstance(InstanceListing listing);

    /// <summary>Status, rate limit and their version, for an instance activating or re-reading; null when the client does not exist.</summary>
    [AlwaysInterleave, Alias("get-standing")]
    Task<ClientStanding?> GetStanding();
}
