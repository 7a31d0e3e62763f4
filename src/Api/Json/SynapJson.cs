using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Api.Json;

/// <summary>API.md §1 JSON: snake_case names and enum values, UTC times with <c>Z</c>, a client's context written as the object it is.</summary>
public static class SynapJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Numbers are numbers: the Web defaults would also accept (and document) numbers sent as strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DictionaryKeyPolicy = null;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new UtcTimeConverter());
        options.Converters.Add(new JsonTextConverter());
        return options;
    }

    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }

    private sealed class JsonTextConverter : JsonConverter<JsonText>
    {
        public override JsonText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new JsonText(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, JsonText value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
