using System.Text.Json.Serialization;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>InstanceDetail of API.md §5: the summary fields first, then the detail.</summary>
[GenerateSerializer, Immutable, Alias("synap.instance-detail.v1")]
public sealed record InstanceDetail(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] InstanceStatus Status,
    [property: Id(3)] string AgentType,
    [property: Id(4)] ConfigStatus ConfigStatus,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? LastActiveAt,
    [property: Id(7)] string ClientId,
    [property: Id(8)] string? Description,
    [property: Id(9)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(10)] string? ParentInstanceId,
    [property: Id(11)] InstanceStatus EffectiveStatus,
    [property: Id(12), JsonPropertyName("api_calls_24h")] long ApiCalls24h,
    [property: Id(13)] long MemoriesCount,
    [property: Id(14)] DateTimeOffset UpdatedAt);
