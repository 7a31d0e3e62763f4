using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Interfaces.Instances;

[GenerateSerializer, Immutable, Alias("synap.list-instances.v1")]
public sealed record ListInstancesQuery(
    [property: Id(0)] PageRequest Page,
    [property: Id(1)] string? Status = null,
    [property: Id(2)] string? ParentInstanceId = null);
