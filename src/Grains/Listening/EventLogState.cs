namespace Synap.Grains.Listening;

/// <summary>
/// The head of one event log (state <c>event-log</c>): which segments are kept and how many events each closed one
/// holds. Written only when a segment closes, so an append normally writes just the current segment.
/// </summary>
[GenerateSerializer, Alias("synap.event-log-state.v1")]
public sealed class EventLogState
{
    /// <summary>The oldest segment kept.</summary>
    [Id(0)] public int FirstSegment { get; set; }

    /// <summary>Event counts of the closed segments from <see cref="FirstSegment"/> on; the current one follows them.</summary>
    [Id(1)] public List<int> ClosedCounts { get; set; } = [];

    /// <summary>The sequence of the last event before the current segment; sequences never go backwards, even after a reset.</summary>
    [Id(2)] public long SequenceBase { get; set; }

    /// <summary>Segments below this one are known deleted.</summary>
    [Id(3)] public int PrunedBelow { get; set; }

    public int CurrentSegment => FirstSegment + ClosedCounts.Count;
}
