using Synap.Grains.Interfaces.Credentials;

namespace Synap.Grains.Credentials;

[GenerateSerializer, Alias("synap.api-key-index-state.v1")]
public sealed class ApiKeyIndexState
{
    [Id(0)] public KeyOwner? Owner { get; set; }
}
