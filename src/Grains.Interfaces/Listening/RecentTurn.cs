namespace Synap.Grains.Interfaces.Listening;

/// <summary>LISTEN-WIRE.md <c>RecentTurnProto</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.recent-turn.v1")]
public sealed record RecentTurn(
    [property: Id(0)] string? Role,
    [property: Id(1)] string? Content,
    [property: Id(2)] string? Timestamp);
