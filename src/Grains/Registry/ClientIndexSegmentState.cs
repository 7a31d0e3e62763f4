namespace Synap.Grains.Registry;

[GenerateSerializer, Alias("synap.client-index-segment-state.v1")]
public sealed class ClientIndexSegmentState
{
    /// <summary>In listing order (<see cref="ClientIndexEntry.CompareOrder"/>).</summary>
    [Id(0)] public List<ClientIndexEntry> Entries { get; set; } = [];
}
