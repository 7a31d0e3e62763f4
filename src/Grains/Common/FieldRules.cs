using System.Text.Json;
using System.Text.RegularExpressions;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Common;

/// <summary>The string rules of API.md §1, applied in the grains so HTTP and trusted Orleans callers get the same answers.</summary>
public static partial class FieldRules
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxLabelLength = 100;
    public const int MaxMetadataKeys = 64;
    public const int MaxMetadataKeyLength = 100;
    public const int MaxMetadataValueLength = 1000;
    public const int MaxContextBytes = 64 * 1024;
    public const int MaxWebsiteLength = 2000;

    /// <summary>Trims and checks a required name; returns the trimmed name or a failure.</summary>
    public static Failure? Name(string? value, out string trimmed)
    {
        trimmed = value?.Trim() ?? "";
        if (value is null)
            return Failure.InvalidInput("name", "is required");
        if (trimmed.Length == 0)
            return Failure.InvalidInput("name", "must not be blank");
        if (trimmed.Length > MaxNameLength)
            return Failure.InvalidInput("name", $"must be at most {MaxNameLength} characters");
        // What is stored: surrounding whitespace (tab, line breaks and U+0085 included) is trimmed away, per API.md §1.
        return NameText("name", trimmed);
    }

    /// <summary>An optional key label: not blank, at most 100 characters, and only visible text like a name.</summary>
    public static Failure? Label(string? value)
    {
        if (value is null)
            return null;
        if (value.Trim().Length == 0)
            return Failure.InvalidInput("label", "must not be blank");
        if (value.Length > MaxLabelLength)
            return Failure.InvalidInput("label", $"must be at most {MaxLabelLength} characters");
        // Checked as stored: trimmed, like a name.
        return NameText("label", value.Trim());
    }

    /// <summary>An optional website: an absolute http or https URL with a host, at most 2000 characters.</summary>
    public static Failure? Website(string? value)
    {
        if (value is null)
            return null;
        if (value.Length > MaxWebsiteLength)
            return Failure.InvalidInput("website", $"must be at most {MaxWebsiteLength} characters");
        if (TextRules.ForbiddenInName(value) is not null || value.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return Failure.InvalidInput("website", "must be an absolute http or https URL");
        return null;
    }

    public static Failure? AgentType(string? value)
    {
        if (value is null)
            return Failure.InvalidInput("agent_type", "is required");
        return AgentTypePattern().IsMatch(value) ? null : Failure.InvalidInput("agent_type", "must be 1-100 characters of [a-z0-9_-]");
    }

    /// <summary>An optional description: at most 2000 characters of free text (no C0 control but tab and line breaks).</summary>
    public static Failure? Description(string? value)
    {
        if (value is null)
            return null;
        if (value.Length > MaxDescriptionLength)
            return Failure.InvalidInput("description", $"must be at most {MaxDescriptionLength} characters");
        return FreeText("description", value);
    }

    public static Failure? Metadata(IReadOnlyDictionary<string, string?>? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata.Count > MaxMetadataKeys)
            return Failure.InvalidInput("metadata", $"must have at most {MaxMetadataKeys} keys");
        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxMetadataKeyLength)
                return Failure.InvalidInput("metadata", $"keys must be 1-{MaxMetadataKeyLength} characters");
            if (TextRules.ForbiddenInName(key) is { } bad)
                return Failure.InvalidInput("metadata", $"keys must not contain control, zero-width or bidirectional formatting characters ({bad})");
            // Trusted Orleans callers can put null in a non-nullable map; metadata values are strings only.
            if (value is null)
                return Failure.InvalidInput($"metadata.{key}", "must be a string");
            if (value.Length > MaxMetadataValueLength)
                return Failure.InvalidInput($"metadata.{key}", $"must be at most {MaxMetadataValueLength} characters");
            if (FreeText($"metadata.{key}", value) is { } badValue)
                return badValue;
        }
        return null;
    }

    public static Failure? Context(JsonText? context)
    {
        if (context is null)
            return null;
        if (System.Text.Encoding.UTF8.GetByteCount(context.Json) > MaxContextBytes)
            return Failure.InvalidInput("context", "must be at most 64 KiB serialized");
        try
        {
            // JsonDocument parses without recursion; the depth cap matches the request body's.
            using var document = JsonDocument.Parse(context.Json, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : Failure.InvalidInput("context", "must be a JSON object");
        }
        catch (JsonException)
        {
            return Failure.InvalidInput("context", "must be a JSON object");
        }
    }

    /// <summary>
    /// Parses exactly one documented snake_case value such as <c>soft_deleted</c>. <c>Enum.TryParse</c> would also take
    /// numbers (<c>"+2"</c>), padding (<c>" 1"</c>) and flag lists (<c>"active,inactive"</c>).
    /// </summary>
    public static bool TryParseEnum<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(ToSnakeCase(candidate), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }

    public static string ToSnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static Failure? NameText(string field, string value) =>
        TextRules.ForbiddenInName(value) is { } bad
            ? Failure.InvalidInput(field, $"must not contain control, zero-width or bidirectional formatting characters ({bad})")
            : null;

    private static Failure? FreeText(string field, string value) =>
        TextRules.ForbiddenInText(value) is { } bad
            ? Failure.InvalidInput(field, $"must not contain control characters other than tab and line breaks ({bad})")
            : null;

    [GeneratedRegex(@"^[a-z0-9_-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgentTypePattern();
}
