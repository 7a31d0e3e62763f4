using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Audit;

/// <summary>Collects the fields that differ between two versions of a resource; an unchanged field is never recorded.</summary>
public sealed class ChangeSet
{
    private readonly Dictionary<string, FieldChange> changes = new(StringComparer.Ordinal);

    public bool IsEmpty => changes.Count == 0;

    public IReadOnlyDictionary<string, FieldChange> Changes => changes;

    public ChangeSet Add(string field, JsonText? from, JsonText? to)
    {
        if (from != to)
            changes[field] = new FieldChange(from, to);
        return this;
    }

    public ChangeSet Add(string field, string? from, string? to) => Add(field, AuditValue.Of(from), AuditValue.Of(to));

    public ChangeSet Add(string field, long? from, long? to) => Add(field, AuditValue.Of(from), AuditValue.Of(to));

    public ChangeSet Add(string field, DateTimeOffset? from, DateTimeOffset? to) => Add(field, AuditValue.Of(from), AuditValue.Of(to));

    public ChangeSet Add<TEnum>(string field, TEnum from, TEnum to) where TEnum : struct, Enum =>
        Add(field, AuditValue.Of<TEnum>(from), AuditValue.Of<TEnum>(to));

    /// <summary>A field set at creation: no value before. Null (never set) is not recorded.</summary>
    public ChangeSet Set(string field, JsonText? value) => Add(field, null, value);

    public ChangeSet Set(string field, string? value) => Add(field, null, value);

    public ChangeSet Set(string field, long? value) => Add(field, null, value);

    public ChangeSet Set(string field, DateTimeOffset? value) => Add(field, null, value);

    public ChangeSet Set<TEnum>(string field, TEnum value) where TEnum : struct, Enum => Add(field, null, AuditValue.Of<TEnum>(value));

    /// <summary>One change per key that was added, removed or changed, named <c>prefix.key</c>, in key order.</summary>
    public ChangeSet AddEntries(string prefix, IReadOnlyDictionary<string, string>? from, IReadOnlyDictionary<string, string>? to)
    {
        var keys = (from?.Keys ?? []).Union(to?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
            Add($"{prefix}.{key}", from?.GetValueOrDefault(key), to?.GetValueOrDefault(key));
        return this;
    }
}
