using Synap.Grains.Interfaces.Audit;

namespace Synap.Grains.Audit;

/// <summary>
/// What a command changed, before it is stamped with an id, a time, an actor and a correlation id: the action, the
/// resource it acted on, the field changes, and the logs it belongs in (an instance's creation is in its client's too).
/// </summary>
public sealed record AuditEvent(
    string Action,
    string TargetId,
    IReadOnlyDictionary<string, FieldChange> Changes,
    IReadOnlyList<string> LogIds);
