using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using Orleans.Streams;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Storage;

namespace Synap.Grains.Listening;

/// <summary>
/// One instance's event log, a grain of its own so event writes never hold up bundle delivery or the instance's key
/// checks. Events are numbered and kept in the order this single activation appended them.
/// </summary>
/// <remarks>
/// Bounded (<see cref="EventLogLimits"/>): an append writes only the current segment; a segment that fills is closed by
/// writing the small head first, then segments past the retention are deleted. A listing without filter reads only
/// the one or two segments of its page; a filtered listing reads every kept segment (at most 100 rows).
/// The event is published on the instance's event stream only after it is stored; a failed publish is logged and the
/// event stays recorded (memory streams are not durable anyway: subscribers that need every event read the log).
/// </remarks>
public sealed partial class EventLogGrain(
    [PersistentState("event-log", SynapStorage.Name)] IPersistentState<EventLogState> head,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<EventLogGrain> logger) : Grain, IEventLogGrain
{
    private EventLogLimits limits = EventLogLimits.Default;
    private EventSegmentStore store = null!;
    private GrainState<EventSegmentState> current = null!;
    private int currentChars;

    private List<RecordedEvent> CurrentEvents => current.State!.Events;

    private string InstanceId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        limits = ServiceProvider.GetService<EventLogLimits>() ?? EventLogLimits.Default;
        store = new EventSegmentStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name), InstanceId);
        current = await store.ReadAsync(head.State.CurrentSegment);
        currentChars = CurrentEvents.Sum(EventChars);
    }

    public async Task<RecordedEvent> Append(ConversationEvent conversationEvent, string transport, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(conversationEvent);
        try
        {
            var size = EventChars(conversationEvent);
            if (CurrentEvents.Count > 0 && (CurrentEvents.Count >= limits.SegmentSize || currentChars + size > limits.SegmentChars))
                await CloseCurrentSegmentAsync();
            var recorded = new RecordedEvent(ids.NewId("evt_", 16), head.State.SequenceBase + CurrentEvents.Count + 1,
                conversationEvent, time.GetUtcNow(), transport, correlationId);
            var next = new GrainState<EventSegmentState>(new EventSegmentState { Events = [.. CurrentEvents, recorded] }, current.ETag);
            await store.WriteAsync(head.State.CurrentSegment, next);
            current = next;
            currentChars += size;
            await PublishAsync(recorded);
            return recorded;
        }
        catch
        {
            // A failed write may still have reached storage: a fresh activation reads the truth.
            DeactivateOnIdle();
            throw;
        }
    }

    [ReadOnly]
    public async Task<Page<RecordedEvent>> List(PageRequest page, string? conversationId)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (conversationId is not null)
        {
            var matching = new List<RecordedEvent>();
            for (var segment = head.State.FirstSegment; segment <= head.State.CurrentSegment; segment++)
                matching.AddRange((await EventsOfAsync(segment)).Where(e => e.Event.ConversationId == conversationId));
            return Page<RecordedEvent>.Slice(matching, page);
        }

        var total = head.State.ClosedCounts.Sum() + CurrentEvents.Count;
        var skip = (long)(page.Page - 1) * page.PageSize;
        var data = new List<RecordedEvent>(page.PageSize);
        var segmentStart = 0L;
        for (var index = 0; index <= head.State.ClosedCounts.Count && data.Count < page.PageSize; index++)
        {
            var count = index < head.State.ClosedCounts.Count ? head.State.ClosedCounts[index] : CurrentEvents.Count;
            if (segmentStart + count > skip)
            {
                var events = await EventsOfAsync(head.State.FirstSegment + index);
                data.AddRange(events.Skip((int)Math.Max(0, skip - segmentStart)).Take(page.PageSize - data.Count));
            }
            segmentStart += count;
        }
        return new Page<RecordedEvent>(data, page.Page, page.PageSize, total);
    }

    public async Task Clear()
    {
        var (first, last) = (head.State.FirstSegment, head.State.CurrentSegment);
        head.State.SequenceBase += CurrentEvents.Count;
        head.State.FirstSegment = last + 1;
        head.State.ClosedCounts = [];
        await head.WriteStateAsync();
        current = new GrainState<EventSegmentState>(new EventSegmentState());
        currentChars = 0;
        for (var segment = Math.Max(first, head.State.PrunedBelow); segment <= last; segment++)
            await store.DeleteAsync(segment);
        head.State.PrunedBelow = last + 1;
    }

    private async Task<IReadOnlyList<RecordedEvent>> EventsOfAsync(int segment) =>
        segment == head.State.CurrentSegment ? CurrentEvents : (await store.ReadAsync(segment)).State!.Events;

    /// <summary>The head moves on first, so no event is ever written into a segment the head does not know.</summary>
    private async Task CloseCurrentSegmentAsync()
    {
        var (first, counts, sequenceBase) = (head.State.FirstSegment, head.State.ClosedCounts, head.State.SequenceBase);
        var closed = new List<int>(counts) { CurrentEvents.Count };
        var dropped = Math.Max(0, closed.Count + 1 - limits.MaxSegments);
        head.State.ClosedCounts = closed.Skip(dropped).ToList();
        head.State.FirstSegment = first + dropped;
        head.State.SequenceBase = sequenceBase + CurrentEvents.Count;
        try
        {
            await head.WriteStateAsync();
        }
        catch
        {
            (head.State.FirstSegment, head.State.ClosedCounts, head.State.SequenceBase) = (first, counts, sequenceBase);
            throw;
        }
        current = new GrainState<EventSegmentState>(new EventSegmentState());
        currentChars = 0;
        for (var segment = head.State.PrunedBelow; segment < head.State.FirstSegment; segment++)
        {
            await store.DeleteAsync(segment);
            head.State.PrunedBelow = segment + 1;
        }
    }

    private async Task PublishAsync(RecordedEvent recorded)
    {
        try
        {
            var stream = this.GetStreamProvider(InstanceEventStream.ProviderName)
                .GetStream<RecordedEvent>(StreamId.Create(InstanceEventStream.Namespace, InstanceId));
            await stream.OnNextAsync(recorded);
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, e, InstanceId, recorded.EventId);
        }
    }

    /// <summary>About how much text an event adds to its segment, to keep a segment row well below a few hundred KiB.</summary>
    private static int EventChars(RecordedEvent recorded) => EventChars(recorded.Event);

    private static int EventChars(ConversationEvent e) =>
        128 + (e.Content?.Length ?? 0) + (e.ToolArgsJson?.Length ?? 0)
        + (e.Metadata?.Sum(m => m.Key.Length + m.Value.Length) ?? 0)
        + (e.SearchQueries?.Sum(q => q.Length) ?? 0) + (e.ContextTypes?.Sum(t => t.Length) ?? 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: event {EventId} is recorded but could not be published on the event stream")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string instanceId, string eventId);
}
