namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// A recorded event as listed by <c>GET /v1/instances/{id}/events</c> and published on the instance's event stream.
/// <c>Transport</c> is how it arrived: <c>grpc</c>, <c>rest</c> or <c>orleans</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.recorded-event.v1")]
public sealed record RecordedEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] ConversationEvent Event,
    [property: Id(3)] DateTimeOffset ReceivedAt,
    [property: Id(4)] string Transport,
    [property: Id(5)] string? CorrelationId);
