namespace Synap.Grains.Instances;

/// <summary>What the client grain hands a new instance: validated fields and the new id's owner.</summary>
[GenerateSerializer, Immutable, Alias("synap.instance-seed.v1")]
public sealed record InstanceSeed(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Name,
    [property: Id(2)] string AgentType,
    [property: Id(3)] string? Description,
    [property: Id(4)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(5)] string? ParentInstanceId,
    [property: Id(6)] DateTimeOffset CreatedAt);
