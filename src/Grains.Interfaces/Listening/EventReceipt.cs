namespace Synap.Grains.Interfaces.Listening;

/// <summary>API.md §10: <c>202 {"event_id", "sequence"}</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.event-receipt.v1")]
public sealed record EventReceipt(
    [property: Id(0)] string EventId,
    [property: Id(1)] long Sequence);
