using Orleans.Concurrency;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Listening;

/// <summary>
/// The recorded conversation events of one instance (key: <c>inst_…</c>), in arrival order. Reached only through the
/// listener grain, which decides access; after each write the event is published on <see cref="InstanceEventStream"/>.
/// </summary>
[Alias("synap.event-log")]
public interface IEventLogGrain : IGrainWithStringKey
{
    [Alias("append")]
    Task<RecordedEvent> Append(ConversationEvent conversationEvent, string transport, string? correlationId);

    /// <summary>Oldest first, optionally of one conversation only.</summary>
    [ReadOnly, Alias("list")]
    Task<Page<RecordedEvent>> List(PageRequest page, string? conversationId);

    /// <summary>Deletes every event (instance reset); sequences continue above the last one.</summary>
    [Alias("clear")]
    Task Clear();
}
