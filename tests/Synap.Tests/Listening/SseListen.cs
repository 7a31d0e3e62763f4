using System.Net.Http.Headers;
using System.Threading.Channels;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>
/// An HTTP-only agent listening with <c>GET /v1/instances/{id}/listen</c>: reads frames as they arrive, like an
/// EventSource. Disposing it drops the connection.
/// </summary>
public sealed class SseListen : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly HttpResponseMessage response;
    private readonly Channel<SseFrame> frames = Channel.CreateUnbounded<SseFrame>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;

    private SseListen(HttpResponseMessage response)
    {
        this.response = response;
        reading = ReadAsync();
    }

    public string ListenerId { get; private set; } = "";

    /// <summary>Opens the stream and reads its <c>ready</c> frame; fails with the response if the listen was refused.</summary>
    public static async Task<SseListen> OpenAsync(SynapApiFactory node, string instanceId, string key)
    {
        var listen = await TryOpenAsync(node, instanceId, key);
        return listen.Stream ?? throw new InvalidOperationException($"listen refused: {listen.Refusal}");
    }

    /// <summary>The open stream, or the refusal (status and body) when the server answered without streaming.</summary>
    public static async Task<(SseListen? Stream, ApiResponse? Refusal)> TryOpenAsync(SynapApiFactory node, string instanceId, string key)
    {
        var http = node.CreateClient();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/instances/{instanceId}/listen");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var text = await response.Content.ReadAsStringAsync();
            var json = text.StartsWith('{') ? System.Text.Json.JsonDocument.Parse(text).RootElement.Clone() : default;
            var refusal = new ApiResponse(response.StatusCode, json, response.Headers, text);
            response.Dispose();
            return (null, refusal);
        }
        var stream = new SseListen(response);
        var ready = await stream.NextAsync();
        Assert.Equal("ready", ready.Event);
        Assert.Equal("sse", ready.Str("transport"));
        stream.ListenerId = ready.Str("listener_id");
        return (stream, null);
    }

    /// <summary>The next frame other than a ping.</summary>
    public async Task<SseFrame> NextAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        while (true)
        {
            SseFrame frame;
            try
            {
                frame = await frames.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no SSE frame within {(wait ?? DefaultWait).TotalSeconds} s");
            }
            catch (ChannelClosedException)
            {
                throw new InvalidOperationException("the SSE stream ended");
            }
            if (frame.Event != ":")
                return frame;
        }
    }

    /// <summary>The next ping comment (other frames are skipped).</summary>
    public async Task<SseFrame> NextPingAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        while (true)
        {
            var frame = await frames.Reader.ReadAsync(timeout.Token);
            if (frame.Event == ":")
                return frame;
        }
    }

    /// <summary>Completes when the server ended the response.</summary>
    public async Task EndedAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        await reading.WaitAsync(timeout.Token);
        Assert.True(frames.Reader.Completion.IsCompleted);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await reading;
        }
        catch (Exception)
        {
        }
        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            string? name = null, id = null, data = null;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null || data is not null)
                        frames.Writer.TryWrite(new SseFrame(name ?? "message", id, data ?? ""));
                    (name, id, data) = (null, null, null);
                }
                else if (line.StartsWith(':'))
                    (name, data) = (":", line);
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    name = line["event: ".Length..];
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line["id: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line["data: ".Length..];
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            frames.Writer.TryComplete();
        }
    }
}
