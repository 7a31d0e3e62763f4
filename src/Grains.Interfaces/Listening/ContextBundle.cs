namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// A context bundle as published (API.md §10 <c>POST /v1/instances/{id}/bundles</c>) and delivered
/// (LISTEN-WIRE.md <c>ContextBundleProto</c>, same fields and meaning; JSON in snake_case). <c>BundleId</c> is
/// assigned by the platform when the publisher gives none.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.context-bundle.v1")]
public sealed record ContextBundle(
    [property: Id(0)] string? BundleId,
    [property: Id(1)] string BundleType,
    [property: Id(2)] IReadOnlyDictionary<string, IReadOnlyList<ContextItem>> ItemsByType,
    [property: Id(3)] string? ConversationId = null,
    [property: Id(4)] int? TtlHintSeconds = null,
    [property: Id(5)] string? DecisionId = null,
    [property: Id(6)] int? TotalTokens = null,
    [property: Id(7)] int? TokenBudget = null,
    [property: Id(8)] bool? BudgetExceeded = null,
    [property: Id(9)] string? RetrievalMode = null,
    [property: Id(10)] IReadOnlyList<string>? SourcesQueried = null,
    [property: Id(11)] string? DegradationLevel = null,
    [property: Id(12)] IReadOnlyList<string>? Warnings = null,
    [property: Id(13)] string? CreatedAt = null,
    [property: Id(14)] int? RetrievalTimeMs = null,
    [property: Id(15)] bool? CacheHit = null,
    [property: Id(16)] IReadOnlyList<string>? SearchQueries = null,
    [property: Id(17)] string? AnticipationUserId = null,
    [property: Id(18)] string? AnticipationCustomerId = null,
    [property: Id(19)] string? AnticipationConversationId = null,
    [property: Id(20)] IReadOnlyList<string>? SearchKeywords = null,
    [property: Id(21)] ConversationContext? ConversationContext = null,
    [property: Id(22)] float? BundleConfidence = null,
    [property: Id(23)] string? OriginPatternId = null);
