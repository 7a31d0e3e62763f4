using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Usage;

namespace Synap.Grains.Instances;

[GenerateSerializer, Alias("synap.instance-state.v1")]
public sealed class InstanceState
{
    [Id(0)] public InstanceDetail? Detail { get; set; }
    [Id(1)] public List<CredentialRecord> Keys { get; set; } = [];
    [Id(2)] public List<ConfigVersion> ConfigVersions { get; set; } = [];
    [Id(3)] public RollingHourlyCounter ApiCalls { get; set; } = new();
    [Id(4)] public BootstrapKeyRecord? Bootstrap { get; set; }
}
