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

    /// <summary>Trims and checks a required name; returns the trimmed name or a failure.</summary>
    public static Failure? Name(string? value, out string trimmed)
    {
        trimmed = value?.Trim() ?? "";
        if (value is null)
            return Failure.InvalidInput("name", "is required");
        if (trimmed.Length == 0)
            return Failure.InvalidInput("name", "must not be blank");
        return trimmed.Length > MaxNameLength ? Failure.InvalidInput("name", $"must be at most {MaxNameLength} characters") : null;
    }

    public static Failure? AgentType(string? value)
    {
        if (value is null)
            return Failure.InvalidInput("agent_type", "is required");
        return AgentTypePattern().IsMatch(value) ? null : Failure.InvalidInput("agent_type", "must be 1-100 characters of [a-z0-9_-]");
    }

    public static Failure? MaxLength(string field, string? value, int max) =>
        value is not null && value.Length > max ? Failure.InvalidInput(field, $"must be at most {max} characters") : null;

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
            // Trusted Orleans callers can put null in a non-nullable map; metadata values are strings only.
            if (value is null)
                return Failure.InvalidInput($"metadata.{key}", "must be a string");
            if (value.Length > MaxMetadataValueLength)
                return Failure.InvalidInput($"metadata.{key}", $"must be at most {MaxMetadataValueLength} characters");
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
            using var document = JsonDocument.Parse(context.Json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : Failure.InvalidInput("context", "must be a JSON object");
        }
        catch (JsonException)
        {
            return Failure.InvalidInput("context", "must be a JSON object");
        }
    }

    /// <summary>Parses a snake_case enum value such as <c>soft_deleted</c>.</summary>
    public static bool TryParseEnum<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        return value is not null && !value.Any(char.IsUpper) && !char.IsDigit(value.FirstOrDefault())
            && Enum.TryParse(value.Replace("_", ""), ignoreCase: true, out result) && Enum.IsDefined(result);
    }

    public static string ToSnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    [GeneratedRegex(@"^[a-z0-9_-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgentTypePattern();
}
