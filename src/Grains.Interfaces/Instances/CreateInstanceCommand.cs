namespace Synap.Grains.Interfaces.Instances;

/// <summary>Body of <c>POST /dashboard/instances?client_id=</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.create-instance.v1")]
public sealed record CreateInstanceCommand(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? AgentType,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Metadata = null,
    [property: Id(4)] string? ParentInstanceId = null);
