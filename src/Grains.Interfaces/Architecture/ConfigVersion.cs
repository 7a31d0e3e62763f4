namespace Synap.Grains.Interfaces.Architecture;

/// <summary>ConfigVersion of API.md §7.</summary>
[GenerateSerializer, Immutable, Alias("synap.config-version.v1")]
public sealed record ConfigVersion(
    [property: Id(0)] string ConfigId,
    [property: Id(1)] int Version,
    [property: Id(2)] ConfigVersionStatus Status,
    [property: Id(3)] string Config,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] string? ApprovedBy,
    [property: Id(7)] DateTimeOffset? AppliedAt);
