using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Registry;

/// <summary>What the index head keeps in memory of one segment: counts per status and its first and last entry.</summary>
[GenerateSerializer, Immutable, Alias("synap.client-index-segment-summary.v1")]
public sealed record SegmentSummary(
    [property: Id(0)] int Active,
    [property: Id(1)] int Inactive,
    [property: Id(2)] int SoftDeleted,
    [property: Id(3)] ClientIndexEntry? First,
    [property: Id(4)] ClientIndexEntry? Last)
{
    public static SegmentSummary Empty { get; } = new(0, 0, 0, null, null);

    public int Count => Active + Inactive + SoftDeleted;

    public int CountOf(ClientStatus? status) => status switch
    {
        null => Count,
        ClientStatus.Active => Active,
        ClientStatus.Inactive => Inactive,
        _ => SoftDeleted,
    };

    public static SegmentSummary Of(IReadOnlyList<ClientIndexEntry> ordered) => new(
        ordered.Count(e => e.Status == ClientStatus.Active),
        ordered.Count(e => e.Status == ClientStatus.Inactive),
        ordered.Count(e => e.Status == ClientStatus.SoftDeleted),
        ordered.Count > 0 ? ordered[0] : null,
        ordered.Count > 0 ? ordered[^1] : null);
}
