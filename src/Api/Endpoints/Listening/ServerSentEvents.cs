using System.Globalization;
using System.Text;
using System.Text.Json;
using Synap.Api.Json;

namespace Synap.Api.Endpoints.Listening;

/// <summary>Writes the <c>text/event-stream</c> frames of the SSE listen stream (API.md §10). Every data line is one line of JSON.</summary>
public sealed class ServerSentEvents(HttpResponse response)
{
    public const string ContentType = "text/event-stream";

    public Task EventAsync<T>(string name, T data, CancellationToken cancellationToken, long? id = null)
    {
        var frame = new StringBuilder();
        if (id is { } sequence)
            frame.Append("id: ").Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        frame.Append("event: ").Append(name).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(data, SynapJson.Options)).Append("\n\n");
        return WriteAsync(frame.ToString(), cancellationToken);
    }

    /// <summary>A comment line: ignored by SSE clients, keeps proxies and load balancers from closing an idle stream.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => WriteAsync(": ping\n\n", cancellationToken);

    private async Task WriteAsync(string frame, CancellationToken cancellationToken)
    {
        await response.WriteAsync(frame, Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
