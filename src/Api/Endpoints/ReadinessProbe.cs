using Synap.Grains.Health;

namespace Synap.Api.Endpoints;

/// <summary>
/// The readiness check of this node, shared: concurrent <c>/health/ready</c> calls wait on one in-flight check,
/// and its result answers every call for <see cref="ResultLifetime"/> after it completes, so probes (or a flood of
/// anonymous calls) cost the cluster at most one storage read per second.
/// </summary>
public sealed class ReadinessProbe
{
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<Task> check;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private Task<Exception?>? current;
    private long completedAt;

    public ReadinessProbe(IGrainFactory grains)
        : this(() => grains.GetGrain<IReadinessGrain>(IReadinessGrain.Key).Check(), TimeProvider.System)
    {
    }

    /// <summary>With the check and the clock given directly (tests).</summary>
    internal ReadinessProbe(Func<Task> check, TimeProvider time)
    {
        this.check = check;
        this.time = time;
    }

    /// <summary>Null when the cluster and its storage answered; otherwise what went wrong.</summary>
    public Task<Exception?> CheckAsync()
    {
        lock (gate)
        {
            if (current is { } shared && (!shared.IsCompleted || time.GetElapsedTime(completedAt) < ResultLifetime))
                return shared;
            current = RunAsync();
            return current;
        }
    }

    private async Task<Exception?> RunAsync()
    {
        Exception? failure = null;
        try
        {
            await check().WaitAsync(CheckTimeout, time);
        }
        catch (Exception e)
        {
            failure = e;
        }
        lock (gate)
            completedAt = time.GetTimestamp();
        return failure;
    }
}
