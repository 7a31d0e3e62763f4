using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Clients;

/// <summary>
/// The registry's former state: every client's full view in one row. Kept only so an existing row deserializes;
/// <see cref="ClientRegistryGrain"/> migrates it to name grains and index segments on activation and empties it.
/// </summary>
[GenerateSerializer, Alias("synap.client-registry-state.v1")]
public sealed class ClientRegistryState
{
    [Id(0)] public Dictionary<string, ClientView> Clients { get; set; } = [];
}
