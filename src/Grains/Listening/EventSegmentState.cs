using Synap.Grains.Interfaces.Listening;

namespace Synap.Grains.Listening;

/// <summary>One segment of an event log (state <c>event-segment</c>): events in arrival order.</summary>
[GenerateSerializer, Alias("synap.event-segment-state.v1")]
public sealed class EventSegmentState
{
    [Id(0)] public List<RecordedEvent> Events { get; set; } = [];
}
