namespace Synap.Grains.Interfaces.Audit;

/// <summary>
/// One entry of an audit log (API.md §9). Append-only: once written it never changes. <see cref="Changes"/> maps a
/// field name (<c>name</c>, <c>metadata.env</c>, …) to its old and new value; secrets never appear in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.audit-entry.v1")]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] AuditActor Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string TargetId,
    [property: Id(5)] string? CorrelationId,
    [property: Id(6)] IReadOnlyDictionary<string, FieldChange> Changes);
