using Synap.Grains.Interfaces.Memories;

namespace Synap.Grains.Memories;

/// <summary>
/// Background ingestion. The table is the queue: each turn reads the oldest pending rows, derives what
/// <see cref="MemoryIngestion"/> computes, and completes them in one transaction. A one-shot grain timer runs it after
/// an acknowledgement (not interleaved, so the count changes in order with deletes and resets). While rows are
/// pending, a reminder (on PostgreSQL in a cluster) brings the store back if its silo dies; at silo start,
/// <see cref="PendingMemorySweep"/> wakes the stores that hold pending rows (standalone reminders live in memory).
/// </summary>
public sealed partial class MemoryStoreGrain : IRemindable
{
    private const string ReminderName = "memory-ingestion";

    /// <summary>Orleans' minimum reminder period; the reminder is a safety net, the timer does the work.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? ingestion;
    private bool ingestionArmed;
    private bool ingesting;
    private bool ingestAgain;
    private bool reminderKept;
    private Task? reminderRegistration;

    public Task ResumeIngestion()
    {
        ArmIngestion(options.Value.Delay);
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
        // Nothing pending: the reminder has done its job until the next acknowledgement registers it again. An
        // acknowledgement racing with this registers anew (it sees reminderKept false), and then either the removal
        // came first or it fails on the changed ETag: either way the new row keeps its reminder.
        reminderKept = false;
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            LogReminderKept(e);
        }
    }

    /// <summary>Registers the reminder once per activation; concurrent acknowledgements share one registration.</summary>
    private Task KeepReminderAsync()
    {
        if (reminderKept)
            return Task.CompletedTask;
        if (reminderRegistration is null || reminderRegistration.IsCompleted)
            reminderRegistration = RegisterReminderAsync();
        return reminderRegistration;
    }

    private async Task RegisterReminderAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        reminderKept = true;
    }

    private void ArmIngestion(TimeSpan due)
    {
        if (ingesting)
        {
            // Rows written during a turn may be newer than what it read: it asks again when it ends.
            ingestAgain = true;
            return;
        }
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
        ingesting = true;
        ingestAgain = false;
        try
        {
            // A full batch may leave more behind it.
            ingestAgain = await IngestBatchAsync(cancellationToken) || ingestAgain;
        }
        finally
        {
            ingesting = false;
        }
        // Asked for again through a message rather than by re-arming the timer from inside its own callback; calls
        // waiting meanwhile get their turn first.
        if (ingestAgain)
            await this.AsReference<IMemoryStoreMaintenance>().ResumeIngestion();
    }

    /// <summary>Completes the oldest pending memories; true when the batch was full.</summary>
    private async Task<bool> IngestBatchAsync(CancellationToken cancellationToken)
    {
        if (standing is null)
            return false;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var pending = await table.ReadPendingAsync(InstanceId, batchSize, cancellationToken);
        if (pending.Count == 0)
            return false;
        await KeepReminderAsync();

        var ingested = new List<IngestedMemory>(pending.Count);
        foreach (var memory in pending)
            ingested.Add(MemoryIngestion.Ingest(memory));
        var completed = await table.CompleteAsync(InstanceId, ingested, Now(), cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = pending[i].CorrelationId }))
                LogIngested(InstanceId, pending[i].Id, ingested[i].TokenEstimate);
        }
        if (completed > 0)
            await CountChangedAsync(completedCount + completed);
        return pending.Count == batchSize;
    }
}
