using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Clients;

[GenerateSerializer, Alias("synap.client-registry-state.v1")]
public sealed class ClientRegistryState
{
    [Id(0)] public Dictionary<string, ClientView> Clients { get; set; } = [];
}
