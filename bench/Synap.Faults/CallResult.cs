using System.Text.Json;

namespace Synap.Faults;

/// <summary>The final answer of a call after its retries: success, or the last status and why it stopped.</summary>
public sealed record CallResult(bool Succeeded, int Status, string Body, string? Failure)
{
    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
