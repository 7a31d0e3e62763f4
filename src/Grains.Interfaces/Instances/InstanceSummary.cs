namespace Synap.Grains.Interfaces.Instances;

/// <summary>InstanceSummary of API.md §5.</summary>
[GenerateSerializer, Immutable, Alias("synap.instance-summary.v1")]
public sealed record InstanceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] InstanceStatus Status,
    [property: Id(3)] string AgentType,
    [property: Id(4)] ConfigStatus ConfigStatus,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? LastActiveAt);
