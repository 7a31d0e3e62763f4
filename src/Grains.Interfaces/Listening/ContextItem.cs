namespace Synap.Grains.Interfaces.Listening;

/// <summary>One item of a context bundle (LISTEN-WIRE.md <c>ContextItemProto</c>; JSON in snake_case).</summary>
[GenerateSerializer, Immutable, Alias("synap.context-item.v1")]
public sealed record ContextItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] string Content,
    [property: Id(2)] string? ContextType = null,
    [property: Id(3)] string? Source = null,
    [property: Id(4)] float? SimilarityScore = null,
    [property: Id(5)] float? RelevanceScore = null,
    [property: Id(6)] float? Confidence = null,
    [property: Id(7)] string? Scope = null,
    [property: Id(8)] string? EntityId = null,
    [property: Id(9)] string? CreatedAt = null,
    [property: Id(10)] string? EventDate = null,
    [property: Id(11)] string? ValidUntil = null,
    [property: Id(12)] string? TemporalCategory = null,
    [property: Id(13)] float? TemporalConfidence = null);
