namespace Synap.Grains.Registry;

/// <summary>
/// The persisted head of the client index: only how many segments exist. Their counts and ranges live in the
/// segments and are read into memory when the head activates, so a create or status change writes one segment
/// and never the head (the head is written once per <see cref="ClientIndexGrain.DefaultSegmentSize"/> creates).
/// </summary>
[GenerateSerializer, Alias("synap.client-index-state.v1")]
public sealed class ClientIndexState
{
    [Id(0)] public int SegmentCount { get; set; }
}
