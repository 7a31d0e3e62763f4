using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Synap.Faults;

/// <summary>
/// Listen streams and bundles: per tenant an agent holds its SSE listen stream (<see cref="SseListener"/>) while a
/// publisher posts bundles to it through the other API node, retrying while the agent reconnects. Every bundle answered
/// 202 must reach the agent, except one queued on a node that crashed before sending it (acknowledged means "queued
/// for the connection": those are counted and printed, not hidden). A SIGTERM'd API node must close its streams with
/// <c>SHUTTING_DOWN</c>.
/// </summary>
public sealed class ListenLoad(IReadOnlyList<ApiNode> apis, ResilientCaller caller, IReadOnlyList<SseListener> listeners,
    double bundlesPerSecond, string runId) : ILoad, IDisposable
{
    /// <summary>After publishing stops, how long delivered bundles may take to be read off the streams.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    private readonly ConcurrentBag<(SseListener Listener, string BundleId, string ListenerId, double At)> acknowledged = [];

    public string Name => "listen (SSE streams, bundles through the other node)";

    public int AcknowledgedWrites => acknowledged.Count;

    public static async Task<ListenLoad> CreateAsync(IReadOnlyList<ApiNode> apis, ResilientCaller caller, string adminKey,
        int listenersPerNode, double bundlesPerSecond, string runId)
    {
        var count = listenersPerNode * apis.Count;
        var tenants = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => Tenant.CreateAsync(caller, apis[i % apis.Count], adminKey, $"faults-{runId}-l{i}")));
        return new ListenLoad(apis, caller, [.. tenants.Select((t, i) => new SseListener(apis, t, i % apis.Count))], bundlesPerSecond, runId);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var listening = new CancellationTokenSource();
        var streams = listeners.Select(l => l.RunAsync(listening.Token)).ToArray();
        await Task.WhenAll(listeners.Select((l, i) => PublishAsync(l, apis[(i + 1) % apis.Count], stop)));
        var drainUntil = Clock.Now + Drain.TotalSeconds;
        while (Clock.Now < drainUntil && acknowledged.Any(a => !a.Listener.Received(a.BundleId)))
            await Task.Delay(100);
        await listening.CancelAsync();
        await Task.WhenAll(streams);
    }

    private async Task PublishAsync(SseListener listener, ApiNode via, CancellationToken stop)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / bundlesPerSecond));
        for (var n = 0; ; n++)
        {
            try
            {
                await pace.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var bundleId = "bnd_" + RandomNumberGenerator.GetHexString(16, lowercase: true);
            var tag = string.Create(CultureInfo.InvariantCulture, $"{runId}-{n}");
            var result = await caller.SendAsync("bundle", via, listener.Tenant.ClientKey, () =>
                new HttpRequestMessage(HttpMethod.Post, $"/v1/instances/{listener.Tenant.AgentInstanceId}/bundles")
                {
                    Content = JsonContent.Create(new
                    {
                        bundle_id = bundleId,
                        bundle_type = "reactive",
                        conversation_id = tag,
                        items_by_type = new Dictionary<string, object[]> { ["facts"] = [new { item_id = tag, content = "faults" }] },
                    }),
                });
            if (result.Succeeded)
                acknowledged.Add((listener, bundleId, result.Json().GetProperty("delivered_to").GetString()!, Clock.Now));
        }
    }

    public Task<IReadOnlyList<LostWrite>> VerifyAsync()
    {
        IReadOnlyList<LostWrite> lost = [.. acknowledged
            .Where(a => !a.Listener.Received(a.BundleId) && !a.Listener.LostWithItsNode(a.ListenerId))
            .Select(a => new LostWrite(a.At, $"bundle {a.BundleId} for {a.Listener.Tenant.AgentInstanceId}: answered 202 (to {a.ListenerId}), never received"))];
        return Task.FromResult(lost);
    }

    public void Judge(IReadOnlyList<Phase> phases)
    {
        var ends = listeners.SelectMany(l => l.Ends).ToArray();
        var crashed = acknowledged.Count(a => !a.Listener.Received(a.BundleId) && a.Listener.LostWithItsNode(a.ListenerId));
        foreach (var phase in phases)
        {
            var mine = ends.Where(e => phase.Contains(e.At)).ToArray();
            if (mine.Length == 0)
                continue;
            var gaps = mine.Select(e => e.Gap).OfType<double>().DefaultIfEmpty(0).Max();
            phase.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"listen: {mine.Length} stream ends ({string.Join(", ", mine.GroupBy(e => e.Reason).Select(g => $"{g.Count()} {g.Key}"))}), longest reconnect {gaps:F1} s"));
            if (phase.Name.StartsWith("SIGTERM", StringComparison.Ordinal) && phase.SparedNode is { } spared)
            {
                var unsignalled = mine.Count(e => e.Node != spared.Name && e.Reason != "SHUTTING_DOWN");
                if (unsignalled > 0)
                    phase.Problems.Add($"{unsignalled} listen streams ended without SHUTTING_DOWN on a graceful stop");
            }
        }
        if (crashed > 0)
            phases[^1].Notes.Add($"listen: {crashed} bundles answered 202 were queued on a node killed before it sent them");
    }

    public void Dispose()
    {
        foreach (var listener in listeners)
            listener.Dispose();
    }
}
