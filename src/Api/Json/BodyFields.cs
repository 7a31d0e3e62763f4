using System.Globalization;
using System.Text.Json;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Api.Json;

/// <summary>
/// Typed reads of a request object. A field of the wrong type records the first error (with its field name)
/// and reads as absent; handlers check <see cref="Error"/> once after reading every field.
/// Unknown fields are ignored (API.md §1). Value rules (lengths, formats) are the grains'.
/// </summary>
public sealed class BodyFields(JsonElement root)
{
    public ErrorResult? Error { get; private set; }

    /// <summary>The whole object, for bodies read as one typed document (a context bundle).</summary>
    public JsonElement Root => root;

    public string? String(string name) => Read(name, "a string", e => e.ValueKind == JsonValueKind.String ? e.GetString() : Invalid<string>());

    public Optional<string?>? OptionalString(string name) =>
        Has(name, out var e) ? Present(name, e, "a string or null", v => v.ValueKind == JsonValueKind.String ? v.GetString() : Invalid<string>()) : null;

    public long? Integer(string name) => Read<long?>(name, "an integer", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : Invalid<long?>());

    public Optional<long?>? OptionalInteger(string name) =>
        Has(name, out var e) ? Present<long?>(name, e, "an integer", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : Invalid<long?>()) : null;

    public JsonText? Object(string name) => Read(name, "a JSON object", e => e.ValueKind == JsonValueKind.Object ? new JsonText(e.GetRawText()) : Invalid<JsonText>());

    public Optional<JsonText?>? OptionalObject(string name) =>
        Has(name, out var e) ? Present(name, e, "a JSON object", v => v.ValueKind == JsonValueKind.Object ? new JsonText(v.GetRawText()) : Invalid<JsonText>()) : null;

    public DateTimeOffset? Time(string name) => Read<DateTimeOffset?>(name, "an ISO 8601 time", e =>
        e.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : Invalid<DateTimeOffset?>());

    /// <summary>An object whose values are all strings.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        var map = NullableStringMap(name, allowNullValues: false);
        return map?.ToDictionary(p => p.Key, p => p.Value!);
    }

    /// <summary>An object whose values are strings or (for a merge) null.</summary>
    public IReadOnlyDictionary<string, string?>? NullableStringMap(string name, bool allowNullValues = true) =>
        Read(name, "an object of strings", e =>
        {
            if (e.ValueKind != JsonValueKind.Object)
                return Invalid<Dictionary<string, string?>>();
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in e.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String || (allowNullValues && property.Value.ValueKind == JsonValueKind.Null))
                    map[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
                else
                {
                    Fail($"{name}.{property.Name}", allowNullValues ? "must be a string or null" : "must be a string");
                    return null;
                }
            }
            return map;
        });

    private T? Read<T>(string name, string expected, Func<JsonElement, T?> convert)
    {
        if (!Has(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return default;
        return Convert(name, element, expected, convert);
    }

    private Optional<T?> Present<T>(string name, JsonElement element, string expected, Func<JsonElement, T?> convert) =>
        new(element.ValueKind == JsonValueKind.Null ? default : Convert(name, element, expected, convert));

    private T? Convert<T>(string name, JsonElement element, string expected, Func<JsonElement, T?> convert)
    {
        try
        {
            var value = convert(element);
            return value;
        }
        catch (WrongType)
        {
            Fail(name, $"must be {expected}");
            return default;
        }
    }

    private bool Has(string name, out JsonElement element) => root.TryGetProperty(name, out element);

    private void Fail(string field, string reason) => Error ??= ErrorResult.InvalidInput(field, reason);

    private static T Invalid<T>() => throw new WrongType();

    private sealed class WrongType : Exception;
}
