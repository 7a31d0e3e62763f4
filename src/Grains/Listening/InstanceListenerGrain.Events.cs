using Synap.Grains.Access;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Listening;

/// <summary>The agent's conversation events and telemetry: access and the listener rule here, the log in <see cref="EventLogGrain"/>.</summary>
public sealed partial class InstanceListenerGrain
{
    /// <summary>Telemetry kinds of the gRPC stream that are counted (LISTEN-WIRE.md <c>context_used</c>, <c>context_assembled</c>).</summary>
    public static readonly IReadOnlySet<string> TelemetryKinds = new HashSet<string>(StringComparer.Ordinal) { "context_used", "context_assembled" };

    private IEventLogGrain Events => GrainFactory.GetGrain<IEventLogGrain>(InstanceId);

    public async Task<Outcome<EventReceipt>> RecordEvent(ConversationEvent conversationEvent, string? listenerId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(conversationEvent);
        if (InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.Agent) is { } denied)
            return denied;
        if (ConversationEventRules.Check(conversationEvent) is { } invalid)
            return invalid;
        // From a stream, only the stream that holds the lease may speak for the agent; from REST, someone must be listening.
        if (await CurrentAsync() is not { } current || (listenerId is not null && listenerId != current.ListenerId))
            return ListenFailures.NotActive(InstanceId);
        var transport = listenerId is null ? "rest" : current.Lease.Transport.ToString().ToLowerInvariant();
        var recorded = await Events.Append(conversationEvent, transport, CorrelationId);
        return new EventReceipt(recorded.EventId, recorded.Sequence);
    }

    public async Task<Outcome<Page<RecordedEvent>>> ListEvents(PageRequest page, string? conversationId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.Agent) is { } denied)
            return denied;
        if (!page.IsValid)
            return Failure.InvalidInput(page.Page < 1 ? "page" : "page_size", page.Page < 1 ? "must be at least 1" : $"must be between 1 and {PageRequest.MaxPageSize}");
        return await Events.List(page, conversationId);
    }

    /// <summary>Counted in memory only: cheap per message, lost with the activation, readable via <see cref="GetTelemetryCounts"/>.</summary>
    public Task CountTelemetry(string listenerId, string kind)
    {
        if (held?.ListenerId == listenerId && TelemetryKinds.Contains(kind))
            telemetry[kind] = telemetry.GetValueOrDefault(kind) + 1;
        return Task.CompletedTask;
    }

    public async Task Reset()
    {
        await Events.Clear();
        telemetry.Clear();
    }

    public Task<IReadOnlyDictionary<string, long>> GetTelemetryCounts() =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(telemetry));
}
