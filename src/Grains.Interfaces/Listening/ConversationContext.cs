namespace Synap.Grains.Interfaces.Listening;

/// <summary>LISTEN-WIRE.md <c>ConversationContextProto</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.conversation-context.v1")]
public sealed record ConversationContext(
    [property: Id(0)] string? Summary = null,
    [property: Id(1)] string? CurrentStateJson = null,
    [property: Id(2)] string? KeyExtractionsJson = null,
    [property: Id(3)] IReadOnlyList<RecentTurn>? RecentTurns = null,
    [property: Id(4)] string? CompactionId = null,
    [property: Id(5)] string? CompactedAt = null,
    [property: Id(6)] string? ConversationId = null);
