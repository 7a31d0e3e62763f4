using System.Net.Http.Headers;
using System.Text.Json;

namespace Synap.Faults;

/// <summary>
/// An agent holding its instance's SSE listen stream the way a careful SDK does: it reconnects whenever the stream ends,
/// to the other API node after a connection error or a <c>SHUTTING_DOWN</c> close, and takes the lease back
/// (<c>DELETE …/listen</c>) when the only holder in the way is its own earlier stream, which died with its node.
/// It records every bundle id it receives and how each of its streams ended.
/// </summary>
public sealed class SseListener(IReadOnlyList<ApiNode> apis, Tenant tenant, int firstNode) : IDisposable
{
    /// <summary>The server pings every 15 s; a stream silent for longer than this is dead.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(40);

    private readonly HttpClient[] clients = [.. apis.Select(a => new HttpClient { BaseAddress = a.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan })];
    private readonly Lock gate = new();
    private readonly HashSet<string> received = [];
    private readonly List<StreamEnd> ends = [];
    private readonly Dictionary<string, string> nodeOfListener = [];
    private string? lastListenerId;
    private int node = firstNode;

    public Tenant Tenant { get; } = tenant;

    /// <summary>How one stream ended: <see cref="Reason"/> is the closing reason, or <c>connection lost</c>; <see cref="Gap"/> the seconds until the next <c>ready</c>.</summary>
    public sealed record StreamEnd(string ListenerId, string Node, double At, string Reason)
    {
        public double? Gap { get; set; }
    }

    public IReadOnlyList<StreamEnd> Ends
    {
        get { lock (gate) return [.. ends]; }
    }

    public bool Received(string bundleId)
    {
        lock (gate) return received.Contains(bundleId);
    }

    /// <summary>The stream a bundle was delivered to ended without its close frame (its node crashed).</summary>
    public bool LostWithItsNode(string listenerId)
    {
        lock (gate) return ends.Any(e => e.ListenerId == listenerId && e.Reason == StreamEnds.ConnectionLost);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var outcome = await ListenOnceAsync(stop);
                failures = outcome == Outcome.Refused ? failures + 1 : 0;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // The node is unreachable (killed, restarting) or the stream broke: reconnect to the other one.
                node = (node + 1) % apis.Count;
                failures++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            if (failures > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * (1 << Math.Min(failures, 5)))), CancellationToken.None);
        }
    }

    private enum Outcome { Ended, Refused }

    private async Task<Outcome> ListenOnceAsync(CancellationToken stop)
    {
        var nodeName = apis[node].Name;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/instances/{Tenant.AgentInstanceId}/listen");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tenant.AgentKey);
        using var response = await clients[node].SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (!response.IsSuccessStatusCode)
        {
            await RefusedAsync(response, stop);
            return Outcome.Refused;
        }
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        string? listenerId = null, eventName = null, data = null;
        try
        {
            while (true)
            {
                silence.CancelAfter(Silence);
                var line = await reader.ReadLineAsync(silence.Token);
                if (line is null)
                    break;
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    eventName = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data = line[6..];
                else if (line.Length == 0 && eventName is not null)
                {
                    using var json = JsonDocument.Parse(data ?? "{}");
                    switch (eventName)
                    {
                        case "ready":
                            listenerId = json.RootElement.GetProperty("listener_id").GetString()!;
                            Ready(listenerId, nodeName);
                            break;
                        case "bundle":
                            lock (gate) received.Add(json.RootElement.GetProperty("bundle_id").GetString()!);
                            break;
                        case "close":
                            var reason = json.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
                            Ended(listenerId, nodeName, reason ?? "closed");
                            if (reason == "SHUTTING_DOWN")
                                node = (node + 1) % apis.Count;
                            return Outcome.Ended;
                    }
                    (eventName, data) = (null, null);
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
        {
        }
        if (stop.IsCancellationRequested)
            return Outcome.Ended;
        Ended(listenerId, nodeName, StreamEnds.ConnectionLost);
        node = (node + 1) % apis.Count;
        return Outcome.Ended;
    }

    /// <summary>409 with our own dead stream as the holder: take the lease back. Anything else: retry later.</summary>
    private async Task RefusedAsync(HttpResponseMessage response, CancellationToken stop)
    {
        var body = await response.Content.ReadAsStringAsync(stop);
        string? holder = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("details", out var details) && details.TryGetProperty("listener_id", out var id))
                holder = id.GetString();
        }
        catch (JsonException)
        {
        }
        if ((int)response.StatusCode >= 500)
            node = (node + 1) % apis.Count;
        if (holder is null || holder != lastListenerId)
            return;
        using var takeover = new HttpRequestMessage(HttpMethod.Delete, $"/v1/instances/{Tenant.AgentInstanceId}/listen");
        takeover.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tenant.AgentKey);
        using var _ = await clients[node].SendAsync(takeover, stop);
    }

    private void Ready(string listenerId, string nodeName)
    {
        lock (gate)
        {
            lastListenerId = listenerId;
            nodeOfListener[listenerId] = nodeName;
            if (ends.Count > 0 && ends[^1].Gap is null)
                ends[^1].Gap = Clock.Now - ends[^1].At;
        }
    }

    private void Ended(string? listenerId, string nodeName, string reason)
    {
        if (listenerId is null)
            return;
        lock (gate) ends.Add(new StreamEnd(listenerId, nodeName, Clock.Now, reason));
    }

    public void Dispose()
    {
        foreach (var client in clients)
            client.Dispose();
    }
}

/// <summary>How a stream ended when no close frame said so.</summary>
public static class StreamEnds
{
    public const string ConnectionLost = "connection lost";
}
