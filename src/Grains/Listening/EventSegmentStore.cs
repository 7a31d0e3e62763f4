using Orleans.Storage;

namespace Synap.Grains.Listening;

/// <summary>
/// The segments of one event log as rows of the grain storage (state name <c>event-segment</c>, key
/// <c>{instanceId}/{n}</c>), read and written only by the log's own activation, like the audit log's segments.
/// </summary>
public sealed class EventSegmentStore(IGrainStorage storage, string instanceId)
{
    public const string StateName = "event-segment";

    private static readonly GrainType SegmentType = GrainType.Create("synap-event-segment");

    public static GrainId SegmentId(string instanceId, int segment) => GrainId.Create(SegmentType, $"{instanceId}/{segment}");

    public async Task<GrainState<EventSegmentState>> ReadAsync(int segment)
    {
        var state = new GrainState<EventSegmentState>(new EventSegmentState());
        await storage.ReadStateAsync(StateName, SegmentId(instanceId, segment), state);
        state.State ??= new EventSegmentState();
        return state;
    }

    public Task WriteAsync(int segment, GrainState<EventSegmentState> state) =>
        storage.WriteStateAsync(StateName, SegmentId(instanceId, segment), state);

    public async Task DeleteAsync(int segment)
    {
        var state = await ReadAsync(segment);
        if (state.RecordExists)
            await storage.ClearStateAsync(StateName, SegmentId(instanceId, segment), state);
    }
}
