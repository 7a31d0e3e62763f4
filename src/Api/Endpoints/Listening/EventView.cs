using Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Endpoints.Listening;

/// <summary>A recorded event as <c>GET /v1/instances/{id}/events</c> lists it (API.md §10): the event's fields at the top level.</summary>
public sealed record EventView(
    string EventId,
    long Sequence,
    string EventType,
    string? ConversationId,
    string? UserId,
    string? Role,
    string? Content,
    string? CustomerId,
    string? SessionId,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset ReceivedAt,
    string Transport,
    string? CorrelationId)
{
    public static EventView Of(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var e = recorded.Event;
        return new(recorded.EventId, recorded.Sequence, e.EventType, e.ConversationId, e.UserId, e.Role, e.Content,
            e.CustomerId, e.SessionId, e.Metadata, recorded.ReceivedAt, recorded.Transport, recorded.CorrelationId);
    }
}
