using Orleans.Serialization;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Storage;

/// <summary>
/// Runs a grain command against its persisted state so that memory never runs ahead of storage: the command changes
/// the live state, one write persists it, and a refusal or a failure puts back the state as it was before.
/// </summary>
/// <remarks>
/// A failed write is uncertain: it may have committed (a timeout after the commit) and the ETag held in memory is then
/// stale, so every later write would fail. The grain is therefore also deactivated once idle: its next activation reads
/// what storage really holds, and until then it answers from the state it had before the command. Storage failures are
/// rare, so the cost of one re-activation does not matter.
/// </remarks>
public sealed class StateCommit<TState>(IPersistentState<TState> state, DeepCopier<TState> copier, IGrainContext grain)
{
    public TState State => state.State;

    public async Task<Outcome<T>> RunAsync<T>(Func<Task<Outcome<T>>> change)
    {
        var before = copier.Copy(state.State)!;
        Outcome<T> outcome;
        try
        {
            outcome = await change();
        }
        catch
        {
            state.State = before;
            throw;
        }
        if (!outcome.IsSuccess)
        {
            state.State = before;
            return outcome;
        }
        await WriteAsync(before);
        return outcome;
    }

    public Task<Outcome<T>> RunAsync<T>(Func<Outcome<T>> change) => RunAsync(() => Task.FromResult(change()));

    private async Task WriteAsync(TState before)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            state.State = before;
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, e,
                "a state write failed and may have committed: re-read storage on the next activation"));
            throw;
        }
    }
}
