using System.Text.Json;

namespace Synap.Tests.Listening;

/// <summary>One frame of an SSE stream as a client parses it: the event name, its <c>id:</c> and its data (a comment is event <c>:</c>).</summary>
public sealed record SseFrame(string Event, string? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    public string Str(string property) => Json.GetProperty(property).GetString()!;

    public override string ToString() => $"{Event} id={Id} {Data}";
}
