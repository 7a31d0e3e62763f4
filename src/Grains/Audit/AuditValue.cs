using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Audit;

/// <summary>
/// A field value as the JSON the API shows for it (API.md §1: snake_case enums, UTC times with <c>Z</c>), so an
/// entry's <c>from</c> and <c>to</c> read like the resource itself. Null stays null.
/// </summary>
public static class AuditValue
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonText? Of(string? value) => value is null ? null : new(JsonSerializer.Serialize(value, Json));

    public static JsonText? Of(long? value) => value is null ? null : new(value.Value.ToString(CultureInfo.InvariantCulture));

    public static JsonText? Of(DateTimeOffset? value) =>
        value is null ? null : Of(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    public static JsonText? Of<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is null ? null : Of(FieldRules.ToSnakeCase(value.Value));
}
