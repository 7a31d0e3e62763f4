namespace Synap.Grains.Interfaces.Memories;

/// <summary>
/// One memory of an instance (API.md §11). <see cref="ContentSha256"/> and <see cref="TokenEstimate"/> are what
/// ingestion derives from the content; both are null while the memory is pending.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.memory.v1")]
public sealed record Memory(
    [property: Id(0)] string Id,
    [property: Id(1)] string Content,
    [property: Id(2)] MemoryScope Scope,
    [property: Id(3)] string? ScopeId,
    [property: Id(4)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(5)] MemoryStatus Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] string CorrelationId,
    [property: Id(9)] string? ContentSha256,
    [property: Id(10)] int? TokenEstimate);
