using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Listening;
using Synap.Grains.Telemetry;

namespace Synap.Api.Listening;

/// <summary>
/// The listen sessions open on this API node. When the node stops gracefully, each gets a <c>closing</c> signal
/// (<c>SHUTTING_DOWN</c>) and its lease is released, so the agent can reconnect to another node at once instead of
/// waiting for the lease to lapse. This happens first in the host's stop (<see cref="StoppingAsync"/>, before the
/// server stops taking requests and before the Orleans client disconnects), and the stop waits, bounded, until each
/// transport has sent its last frame and disposed its session.
/// </summary>
public sealed partial class ListenSessions(
    IOptions<ListenLeaseOptions> leaseOptions,
    IOptions<ListenStreamOptions> streamOptions,
    TimeProvider clock,
    ILogger<ListenSessions> logger,
    SynapMetrics metrics) : IHostedLifecycleService
{
    /// <summary>How long a graceful stop waits for the streams to close and their leases to be released before it goes on anyway.</summary>
    private static readonly TimeSpan ClosePatience = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<ListenSession, byte> open = new();

    public ListenLeaseOptions LeaseOptions { get; } = leaseOptions.Value;

    public ListenStreamOptions Options { get; } = streamOptions.Value;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Sessions open right now (for diagnostics and the bench).</summary>
    public int Count => open.Count;

    internal void Add(ListenSession session) => open.TryAdd(session, 0);

    internal void Remove(ListenSession session) => open.TryRemove(session, out _);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var closing = new List<Task>();
        foreach (var session in open.Keys)
        {
            session.End(ListenSignal.Of(ListenSignal.Closing, ListenReasons.ShuttingDown), releaseLease: true);
            closing.Add(session.Closed);
        }
        await Task.WhenAny(Task.WhenAll(closing), Task.Delay(ClosePatience, Clock, cancellationToken));
    }

    /// <summary>From the start, metrics report how many streams are open (<see cref="SynapMetrics.OpenListenStreams"/>).</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveOpenListenStreams(() => open.Count);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void RenewFailed(ListenSession session, Exception exception) =>
        LogRenewFailed(logger, exception, session.InstanceId, session.Lease.ListenerId);

    internal void ReleaseFailed(ListenSession session, Exception exception) =>
        LogReleaseFailed(logger, exception, session.InstanceId, session.Lease.ListenerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: renewing listen lease {ListenerId} failed; retrying until the lease would lapse")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string instanceId, string listenerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: releasing listen lease {ListenerId} failed; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string instanceId, string listenerId);
}
