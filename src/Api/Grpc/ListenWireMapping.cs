using Google.Protobuf.Collections;
using Synap.Api.Grpc.V1;
using Synap.Grains.Interfaces.Listening;
using Domain = Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Grpc;

/// <summary>
/// Between our listening records and the LISTEN-WIRE.md messages. proto3 has no null: an absent optional value is
/// the field's default (empty string, 0, false), which is also what the official SDK reads for a missing field.
/// </summary>
public static class ListenWireMapping
{
    public static StreamResponse ToResponse(DeliveredBundle delivered) => new() { ContextBundle = ToProto(delivered.Bundle) };

    public static StreamResponse ToResponse(ListenSignal signal)
    {
        var proto = new StreamSignal { SignalType = signal.SignalType, Reason = signal.Reason };
        foreach (var (key, value) in signal.Metadata)
            proto.Metadata[key] = value;
        return new StreamResponse { Signal = proto };
    }

    public static StreamResponse Pong(long timestampMs) => new() { HeartbeatPong = new HeartbeatPong { TimestampMs = timestampMs } };

    public static ContextBundleProto ToProto(ContextBundle bundle)
    {
        var proto = new ContextBundleProto
        {
            BundleId = bundle.BundleId ?? "",
            DecisionId = bundle.DecisionId ?? "",
            TotalTokens = bundle.TotalTokens ?? 0,
            TokenBudget = bundle.TokenBudget ?? 0,
            BudgetExceeded = bundle.BudgetExceeded ?? false,
            RetrievalMode = bundle.RetrievalMode ?? "",
            DegradationLevel = bundle.DegradationLevel ?? "",
            CreatedAt = bundle.CreatedAt ?? "",
            RetrievalTimeMs = bundle.RetrievalTimeMs ?? 0,
            CacheHit = bundle.CacheHit ?? false,
            AnticipationUserId = bundle.AnticipationUserId ?? "",
            AnticipationCustomerId = bundle.AnticipationCustomerId ?? "",
            // The REST body's conversation_id has no field of its own on the wire; the SDK reads it here.
            AnticipationConversationId = bundle.AnticipationConversationId ?? bundle.ConversationId ?? "",
            BundleType = bundle.BundleType,
            BundleConfidence = bundle.BundleConfidence ?? 0,
            OriginPatternId = bundle.OriginPatternId ?? "",
            TtlHintSeconds = bundle.TtlHintSeconds ?? 0,
        };
        foreach (var (type, items) in bundle.ItemsByType)
        {
            var list = new ContextItemList();
            list.Items.AddRange(items.Select(ToProto));
            proto.ItemsByType.Add(type, list);
        }
        AddAll(proto.SourcesQueried, bundle.SourcesQueried);
        AddAll(proto.Warnings, bundle.Warnings);
        AddAll(proto.SearchQueries, bundle.SearchQueries);
        AddAll(proto.SearchKeywords, bundle.SearchKeywords);
        if (bundle.ConversationContext is { } context)
            proto.ConversationContext = ToProto(context);
        return proto;
    }

    public static ContextItemProto ToProto(ContextItem item) => new()
    {
        ItemId = item.ItemId,
        Content = item.Content,
        ContextType = item.ContextType ?? "",
        Source = item.Source ?? "",
        SimilarityScore = item.SimilarityScore ?? 0,
        RelevanceScore = item.RelevanceScore ?? 0,
        Confidence = item.Confidence ?? 0,
        Scope = item.Scope ?? "",
        EntityId = item.EntityId ?? "",
        CreatedAt = item.CreatedAt ?? "",
        EventDate = item.EventDate ?? "",
        ValidUntil = item.ValidUntil ?? "",
        TemporalCategory = item.TemporalCategory ?? "",
        TemporalConfidence = item.TemporalConfidence ?? 0,
    };

    public static ConversationContextProto ToProto(Domain.ConversationContext context)
    {
        var proto = new ConversationContextProto
        {
            Summary = context.Summary ?? "",
            CurrentStateJson = context.CurrentStateJson ?? "",
            KeyExtractionsJson = context.KeyExtractionsJson ?? "",
            CompactionId = context.CompactionId ?? "",
            CompactedAt = context.CompactedAt ?? "",
            ConversationId = context.ConversationId ?? "",
        };
        proto.RecentTurns.AddRange((context.RecentTurns ?? []).Select(turn => new RecentTurnProto
        {
            Role = turn.Role ?? "",
            Content = turn.Content ?? "",
            Timestamp = turn.Timestamp ?? "",
        }));
        return proto;
    }

    /// <summary>An inbound event as recorded; an empty string (proto3's "not sent") is recorded as absent.</summary>
    public static Domain.ConversationEvent ToDomain(V1.ConversationEvent wire) => new(
        wire.EventType,
        Absent(wire.ConversationId),
        Absent(wire.UserId),
        Absent(wire.Role),
        Absent(wire.Content),
        Absent(wire.CustomerId),
        Absent(wire.SessionId),
        wire.Metadata.Count == 0 ? null : new Dictionary<string, string>(wire.Metadata),
        wire.TimestampMs == 0 ? null : wire.TimestampMs,
        Absent(wire.ToolName),
        Absent(wire.ToolArgsJson),
        wire.SearchQueries.Count == 0 ? null : [.. wire.SearchQueries],
        wire.ContextTypes.Count == 0 ? null : [.. wire.ContextTypes]);

    private static string? Absent(string value) => value.Length == 0 ? null : value;

    private static void AddAll(RepeatedField<string> field, IReadOnlyList<string>? values)
    {
        if (values is not null)
            field.AddRange(values);
    }
}
