using System.Collections.Concurrent;
using System.Net;

namespace Synap.Tests.Telemetry;

/// <summary>
/// A stand-in OpenTelemetry collector on 127.0.0.1: accepts OTLP/HTTP posts, answers 200 with an empty (valid)
/// protobuf response and keeps each body by path (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();
    private readonly Task serving;

    public OtlpReceiver(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        serving = ServeAsync();
    }

    public string Endpoint { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Received => [.. received];

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
