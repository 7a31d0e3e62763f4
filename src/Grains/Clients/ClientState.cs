using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Clients;

[GenerateSerializer, Alias("synap.client-state.v1")]
public sealed class ClientState
{
    [Id(0)] public ClientView? View { get; set; }
    [Id(1)] public List<CredentialRecord> Keys { get; set; } = [];
    [Id(2)] public Dictionary<string, InstanceListing> Instances { get; set; } = [];

    /// <summary>Bumped with each change of the client's standing (status, tier, limits); see <see cref="ClientStanding.Version"/>.</summary>
    [Id(3)] public long StandingVersion { get; set; }

    /// <summary>
    /// Instances created by an idempotent request, by its request id, kept for the idempotency lifetime (24 h) and
    /// written with the listing: a retry whose first attempt committed but lost its answer converges on that instance.
    /// </summary>
    [Id(4)] public Dictionary<string, CreatedByRequest> CreatedByRequest { get; set; } = [];
}
