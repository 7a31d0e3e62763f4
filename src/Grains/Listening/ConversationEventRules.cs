using Synap.Grains.Common;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Listening;

/// <summary>
/// The size and text rules of a conversation event, checked in the grain so REST, gRPC and trusted Orleans callers meet
/// the same answers. Which fields are required is the transport's business (a proto3 message has no absent strings).
/// </summary>
public static class ConversationEventRules
{
    public const int MaxEventTypeLength = 100;
    public const int MaxIdLength = 200;
    public const int MaxRoleLength = 50;
    public const int MaxContentLength = 64 * 1024;
    public const int MaxListItems = 100;

    public static Failure? Check(ConversationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.EventType))
            return Failure.InvalidInput("event_type", "is required");
        return Name("event_type", e.EventType, MaxEventTypeLength)
            ?? Name("conversation_id", e.ConversationId, MaxIdLength)
            ?? Name("user_id", e.UserId, MaxIdLength)
            ?? Name("role", e.Role, MaxRoleLength)
            ?? Name("customer_id", e.CustomerId, MaxIdLength)
            ?? Name("session_id", e.SessionId, MaxIdLength)
            ?? Name("tool_name", e.ToolName, MaxIdLength)
            ?? Text("content", e.Content, MaxContentLength)
            ?? Text("tool_args_json", e.ToolArgsJson, MaxContentLength)
            ?? List("search_queries", e.SearchQueries)
            ?? List("context_types", e.ContextTypes)
            ?? FieldRules.Metadata(e.Metadata?.ToDictionary(m => m.Key, m => (string?)m.Value));
    }

    private static Failure? Name(string field, string? value, int max) =>
        value is null ? null
        : value.Length > max ? Failure.InvalidInput(field, $"must be at most {max} characters")
        : TextRules.ForbiddenInName(value) is { } bad ? Failure.InvalidInput(field, $"must not contain control, zero-width or bidirectional formatting characters ({bad})")
        : null;

    private static Failure? Text(string field, string? value, int max) =>
        value is null ? null
        : value.Length > max ? Failure.InvalidInput(field, $"must be at most {max} characters")
        : TextRules.ForbiddenInText(value) is { } bad ? Failure.InvalidInput(field, $"must not contain control characters other than tab and line breaks ({bad})")
        : null;

    private static Failure? List(string field, IReadOnlyList<string>? values) =>
        values is null ? null
        : values.Count > MaxListItems ? Failure.InvalidInput(field, $"must have at most {MaxListItems} items")
        : values.Select((v, i) => v is null ? Failure.InvalidInput($"{field}[{i}]", "must be a string") : Text($"{field}[{i}]", v, MaxIdLength * 5)).FirstOrDefault(f => f is not null);
}
