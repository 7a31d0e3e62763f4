using Synap.Api.Listening;
using Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Endpoints.Listening;

/// <summary>
/// Serves one open <see cref="ListenSession"/> as Server-Sent Events: <c>ready</c>, then bundles and signals in order with
/// a <c>: ping</c> comment whenever the stream was idle for a ping period, and a final <c>close</c> however it ends.
/// </summary>
public static class SseListener
{
    public static async Task ServeAsync(HttpContext http, ListenSession session, ListenStreamOptions options, TimeProvider clock)
    {
        var abort = http.RequestAborted;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ServerSentEvents.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var sse = new ServerSentEvents(response);
        string? closeReason = null;
        try
        {
            await sse.EventAsync("ready", new ReadyEvent(session.Lease.ListenerId, "sse"), abort);
            var reader = session.Outbound;
            var waiting = reader.WaitToReadAsync(abort).AsTask();
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(abort);
                var ping = Task.Delay(options.PingPeriod, clock, idle.Token);
                if (await Task.WhenAny(waiting, ping) == ping)
                {
                    await sse.PingAsync(abort);
                    continue;
                }
                await idle.CancelAsync();
                if (!await waiting)
                    break;
                while (reader.TryRead(out var message))
                {
                    if (message.Bundle is { } bundle)
                        await sse.EventAsync("bundle", bundle.Bundle, abort, bundle.Sequence);
                    else if (message.Signal is { } signal)
                    {
                        await sse.EventAsync("signal", signal, abort);
                        if (signal.EndsStream)
                            closeReason = signal.Reason;
                    }
                }
                waiting = reader.WaitToReadAsync(abort).AsTask();
            }
            await sse.EventAsync("close", new CloseEvent(closeReason), abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The client went away; the session gives the lease back when it is disposed.
        }
    }

    private sealed record ReadyEvent(string ListenerId, string Transport);

    private sealed record CloseEvent(string? Reason);
}
