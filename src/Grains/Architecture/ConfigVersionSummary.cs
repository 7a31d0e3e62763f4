using Synap.Grains.Interfaces.Architecture;

namespace Synap.Grains.Architecture;

/// <summary>A version as the history's head keeps it: everything but the YAML, which is in the version's own row.</summary>
[GenerateSerializer, Immutable, Alias("synap.config-version-summary.v1")]
public sealed record ConfigVersionSummary(
    [property: Id(0)] string ConfigId,
    [property: Id(1)] int Version,
    [property: Id(2)] ConfigVersionStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] string? ApprovedBy,
    [property: Id(6)] DateTimeOffset? AppliedAt)
{
    public bool AwaitsApplication => Status is ConfigVersionStatus.PendingApproval or ConfigVersionStatus.Approved;

    public ConfigVersion WithConfig(string config) => new(ConfigId, Version, Status, config, CreatedAt, CreatedBy, ApprovedBy, AppliedAt);

    public static ConfigVersionSummary Of(ConfigVersion v) => new(v.ConfigId, v.Version, v.Status, v.CreatedAt, v.CreatedBy, v.ApprovedBy, v.AppliedAt);
}
