using Synap.Grains.Common;
using Synap.Grains.Storage;

namespace Synap.Grains.Idempotency;

/// <summary>
/// Serialises every request carrying one key of one credential, whichever API node it reached: a single activation
/// decides, and the claim is persisted (with its ETag) before the request runs, so of two racing requests exactly one
/// proceeds even across a silo failure. A reminder deletes the record after its 24 h, so storage does not keep
/// keys nobody sends again.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", SynapStorage.Name)] IPersistentState<IdempotencyRecord> state,
    TimeProvider time) : Grain, IIdempotencyGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";

    /// <summary>
    /// The reminder is due when the record expires; it ticks again in case the record was renewed meanwhile
    /// (a released or expired key claimed anew starts another 24 h).
    /// </summary>
    private static readonly TimeSpan ExpiryRecheck = TimeSpan.FromHours(1);

    public async Task<IdempotencyDecision> Begin(string requestHash)
    {
        var now = time.GetUtcNow();
        var decision = state.State.Begin(requestHash, now, Guid.NewGuid());
        if (decision.Verdict != IdempotencyVerdict.Proceed)
            return decision;
        // Registered before the claim is written, so no record is ever stored without a reminder to delete it.
        await SaveAsync(async () =>
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, state.State.ExpiresAt - now, ExpiryRecheck);
            await state.WriteStateAsync();
        });
        return decision;
    }

    public async Task Complete(Guid claimId, StoredResponse response)
    {
        if (state.State.Complete(claimId, response))
            await SaveAsync(WriteOrDeleteAsync);
    }

    /// <summary>
    /// The request failed, so its key is free again. If storage cannot record that (the database is down), this
    /// activation still answers from memory: the request has finished either way, so letting a retry proceed is safe,
    /// and reloading the stored claim would refuse every retry with IDEMPOTENCY_KEY_IN_USE until its 60 s lease ran out.
    /// The next write (or the claim's lease, after a deactivation) brings storage back in line.
    /// </summary>
    public async Task Release(Guid claimId)
    {
        if (state.State.Release(claimId))
            await WriteOrDeleteAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var record = state.State;
        if (!record.IsEmpty && !record.IsExpired(time.GetUtcNow()))
            return;
        if (state.RecordExists)
            await state.ClearStateAsync();
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    private Task WriteOrDeleteAsync() => state.State.IsEmpty ? state.ClearStateAsync() : state.WriteStateAsync();

    private async Task SaveAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch
        {
            // Memory is now ahead of storage; a fresh activation reloads what was really stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
