using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Listening;

namespace Synap.Api.Listening;

/// <summary>
/// The listen sessions open on this API node. When the node stops gracefully, each gets a <c>closing</c> signal
/// (<c>SHUTTING_DOWN</c>) and its lease is released, so the agent can reconnect to another node at once instead of
/// waiting for the lease to lapse.
/// </summary>
public sealed partial class ListenSessions(
    IOptions<ListenLeaseOptions> leaseOptions,
    IOptions<ListenStreamOptions> streamOptions,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ListenSessions> logger) : IHostedService
{
    /// <summary>How long a graceful stop waits for the leases to be released before it goes on anyway.</summary>
    private static readonly TimeSpan ReleasePatience = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<ListenSession, byte> open = new();
    private CancellationTokenRegistration stopping;

    public ListenLeaseOptions LeaseOptions { get; } = leaseOptions.Value;

    public ListenStreamOptions Options { get; } = streamOptions.Value;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Sessions open right now (for diagnostics and the bench).</summary>
    public int Count => open.Count;

    internal void Add(ListenSession session) => open.TryAdd(session, 0);

    internal void Remove(ListenSession session) => open.TryRemove(session, out _);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(CloseAll);
        return Task.CompletedTask;
    }

    /// <summary>Waits (bounded) for the releases that <see cref="CloseAll"/> started, before the Orleans client stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CloseAll();
        await Task.WhenAny(Task.WhenAll(closed), Task.Delay(ReleasePatience, Clock, cancellationToken));
        await stopping.DisposeAsync();
    }

    private readonly ConcurrentBag<Task> closed = [];

    private void CloseAll()
    {
        foreach (var session in open.Keys)
        {
            session.End(ListenSignal.Of(ListenSignal.Closing, ListenReasons.ShuttingDown), releaseLease: true);
            closed.Add(session.Ended);
        }
    }

    internal void RenewFailed(ListenSession session, Exception exception) =>
        LogRenewFailed(logger, exception, session.InstanceId, session.Lease.ListenerId);

    internal void ReleaseFailed(ListenSession session, Exception exception) =>
        LogReleaseFailed(logger, exception, session.InstanceId, session.Lease.ListenerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: renewing listen lease {ListenerId} failed; retrying until the lease would lapse")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string instanceId, string listenerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: releasing listen lease {ListenerId} failed; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string instanceId, string listenerId);
}
