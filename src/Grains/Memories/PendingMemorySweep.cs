using Microsoft.Extensions.Logging;

namespace Synap.Grains.Memories;

/// <summary>
/// When a silo becomes active, wakes every memory store that holds pending rows, so memories acknowledged before a
/// stop or a crash are completed even where reminders lived in memory (standalone). Runs in the background, one page
/// of instance ids at a time, and stops after <see cref="MaxInstances"/> stores; in a cluster the stores' reminders
/// cover any beyond that, and waking a store twice (every silo sweeps) only finds nothing left to do.
/// </summary>
internal sealed partial class PendingMemorySweep(MemoryTable table, IGrainFactory grains, ILogger<PendingMemorySweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public const int PageSize = 1000;
    public const int MaxInstances = 100_000;

    private readonly CancellationTokenSource stopping = new();
    private Task sweep = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PendingMemorySweep), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken ct)
    {
        sweep = Task.Run(() => SweepAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        await sweep;
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var woken = 0;
        try
        {
            string? after = null;
            while (woken < MaxInstances)
            {
                var instances = await table.InstancesWithPendingAsync(after, PageSize, ct);
                foreach (var instanceId in instances)
                    await grains.GetGrain<IMemoryStoreMaintenance>(instanceId).ResumeIngestion();
                woken += instances.Count;
                if (instances.Count < PageSize)
                    break;
                after = instances[^1];
            }
            if (woken > 0)
                LogSwept(woken);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The silo is stopping; the next start sweeps again.
        }
        catch (Exception e)
        {
            LogSweepFailed(e, woken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} memory stores holding pending memories")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for pending memories stopped after waking {Count} stores; reminders or the next start take up the rest")]
    private partial void LogSweepFailed(Exception exception, int count);
}
