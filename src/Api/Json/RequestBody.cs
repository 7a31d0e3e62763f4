using System.Text.Json;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Json;

/// <summary>Reads a JSON object body within the 1 MiB limit, refusing other media types and malformed JSON with API.md errors.</summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The parsed object, or the error to send. An empty body reads as <c>{}</c> when <paramref name="required"/> is false.</summary>
    public static async Task<(BodyFields? Fields, IResult? Error)> ReadAsync(HttpContext http, bool required = true)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBytes)
            return (null, TooLarge());
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return (null, TooLarge());
        }
        if (buffer.Length == 0 && !required)
            return (new BodyFields(EmptyObject()), null);
        if (!IsJson(request.ContentType))
            return (null, ErrorResult.Of(ErrorCodes.UnsupportedMediaType, "Content-Type must be application/json",
                ("content_type", request.ContentType)));
        if (buffer.Length == 0)
            return (null, ErrorResult.InvalidInput("body", "a JSON object is required"));
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            return (null, ErrorResult.InvalidInput("body", "is not valid UTF-8"));
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, ErrorResult.InvalidInput("body", "must be a JSON object"));
            if (FieldWithInvalidText(document.RootElement) is { } field)
                return (null, ErrorResult.InvalidInput(field, "must be valid Unicode text"));
            return (new BodyFields(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, ErrorResult.InvalidInput("body", $"is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>
    /// JSON escapes can spell text that is not Unicode (a lone <c>\ud800</c>), which fails whoever decodes it later:
    /// such a body is refused whole, naming the top-level field that holds it (<c>body</c> when it is a field name).
    /// </summary>
    private static string? FieldWithInvalidText(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!IsValidText(() => property.Name))
                return "body";
            if (!IsValidText(property.Value))
                return property.Name;
        }
        return null;
    }

    private static bool IsValidText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => IsValidText(element.GetString),
        JsonValueKind.Object => element.EnumerateObject().All(p => IsValidText(() => p.Name) && IsValidText(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(IsValidText),
        _ => true,
    };

    private static bool IsValidText(Func<string?> decode)
    {
        try
        {
            decode();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static ErrorResult TooLarge() =>
        ErrorResult.Of(ErrorCodes.PayloadTooLarge, "The request body is larger than 1 MiB", ("limit_bytes", MaxBytes));
}
