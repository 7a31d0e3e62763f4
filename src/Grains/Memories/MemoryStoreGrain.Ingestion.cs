using Synap.Grains.Interfaces.Memories;

namespace Synap.Grains.Memories;

/// <summary>
/// Background ingestion. The table is the queue: each turn reads the oldest pending rows, derives what
/// <see cref="MemoryIngestion"/> computes, and completes them in one transaction. A one-shot grain timer runs it right
/// after an acknowledgement (not interleaved, so counts and the reminder change in order with other calls). While rows
/// are pending, a reminder (on PostgreSQL in a cluster) brings the store back if its silo dies; at silo start,
/// <see cref="PendingMemorySweep"/> wakes the stores that hold pending rows (standalone reminders live in memory).
/// </summary>
public sealed partial class MemoryStoreGrain : IRemindable
{
    private const string ReminderName = "memory-ingestion";

    /// <summary>Orleans' minimum reminder period; the reminder is a safety net, the timer does the work.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? ingestion;
    private bool ingestionArmed;
    private bool reminderKept;

    public Task ResumeIngestion()
    {
        ArmIngestion(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
            return;
        if (standing is not null && (await table.ReadPendingAsync(InstanceId, 1)).Count > 0)
        {
            reminderKept = true;
            ArmIngestion(options.Value.Delay);
            return;
        }
        // Nothing pending: the reminder has done its job until the next acknowledgement registers it again.
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
        reminderKept = false;
    }

    private async Task KeepReminderAsync()
    {
        if (reminderKept)
            return;
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        reminderKept = true;
    }

    private void ArmIngestion(TimeSpan due)
    {
        if (ingestionArmed)
            return;
        ingestionArmed = true;
        if (ingestion is null)
            ingestion = this.RegisterGrainTimer(IngestAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else
            ingestion.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task IngestAsync(CancellationToken cancellationToken)
    {
        ingestionArmed = false;
        if (standing is null)
            return;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var pending = await table.ReadPendingAsync(InstanceId, batchSize, cancellationToken);
        if (pending.Count == 0)
            return;
        await KeepReminderAsync();

        var ingested = new List<IngestedMemory>(pending.Count);
        foreach (var memory in pending)
            ingested.Add(MemoryIngestion.Ingest(memory));
        var completed = await table.CompleteAsync(InstanceId, ingested, Now(), cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = pending[i].CorrelationId }))
                LogIngested(pending[i].Id, ingested[i].TokenEstimate);
        }
        if (completed > 0)
            await CountChangedAsync(completedCount + completed);

        // A full batch may leave more: ask again through a message, so calls waiting meanwhile get their turn first.
        if (pending.Count == batchSize)
            await this.AsReference<IMemoryStoreMaintenance>().ResumeIngestion();
    }
}
