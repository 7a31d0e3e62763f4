namespace Synap.Grains.Registry;

/// <summary>The answer of a segment to an upsert: the entry it replaced (null when new) and its summary after.</summary>
[GenerateSerializer, Immutable, Alias("synap.client-index-segment-upsert.v1")]
public sealed record SegmentUpsert(
    [property: Id(0)] ClientIndexEntry? Previous,
    [property: Id(1)] SegmentSummary Summary);
