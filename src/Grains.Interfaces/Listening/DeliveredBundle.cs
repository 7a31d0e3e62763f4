namespace Synap.Grains.Interfaces.Listening;

/// <summary>A bundle on its way to the listener: its place in the instance's publish order and the request that published it.</summary>
[GenerateSerializer, Immutable, Alias("synap.delivered-bundle.v1")]
public sealed record DeliveredBundle(
    [property: Id(0)] long Sequence,
    [property: Id(1)] ContextBundle Bundle,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string? CorrelationId);
