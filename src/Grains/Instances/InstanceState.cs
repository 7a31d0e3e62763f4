using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Usage;

namespace Synap.Grains.Instances;

[GenerateSerializer, Alias("synap.instance-state.v1")]
public sealed class InstanceState
{
    /// <summary>The instance itself. Its <c>LastActiveAt</c> is no longer updated here: usage lives in <see cref="UsageState"/>.</summary>
    [Id(0)] public InstanceDetail? Detail { get; set; }
    [Id(1)] public List<CredentialRecord> Keys { get; set; } = [];
    /// <summary>
    /// Legacy: where config versions were kept before the config history grain (state <c>config-history</c>) existed.
    /// Read once by the history to migrate them, never written again.
    /// </summary>
    [Id(2)] public List<ConfigVersion> ConfigVersions { get; set; } = [];
    /// <summary>Where api_calls_24h was kept before usage moved to <see cref="UsageState"/>: read once to seed it, then emptied.</summary>
    [Id(3)] public RollingHourlyCounter ApiCalls { get; set; } = new();
    [Id(4)] public BootstrapKeyRecord? Bootstrap { get; set; }
}
