using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Instances;

[GenerateSerializer, Alias("synap.instance-state.v1")]
public sealed class InstanceState
{
    [Id(0)] public InstanceDetail? Detail { get; set; }
    [Id(1)] public List<CredentialRecord> Keys { get; set; } = [];
    [Id(2)] public List<ConfigVersion> ConfigVersions { get; set; } = [];
}
