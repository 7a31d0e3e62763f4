namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// An event the agent sends (LISTEN-WIRE.md <c>ConversationEvent</c>, or the body of
/// <c>POST /v1/instances/{id}/events</c>): the REST twin has the first eight fields; the gRPC stream may carry all.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.conversation-event.v1")]
public sealed record ConversationEvent(
    [property: Id(0)] string EventType,
    [property: Id(1)] string? ConversationId,
    [property: Id(2)] string? UserId,
    [property: Id(3)] string? Role,
    [property: Id(4)] string? Content,
    [property: Id(5)] string? CustomerId = null,
    [property: Id(6)] string? SessionId = null,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Metadata = null,
    [property: Id(8)] long? TimestampMs = null,
    [property: Id(9)] string? ToolName = null,
    [property: Id(10)] string? ToolArgsJson = null,
    [property: Id(11)] IReadOnlyList<string>? SearchQueries = null,
    [property: Id(12)] IReadOnlyList<string>? ContextTypes = null);
