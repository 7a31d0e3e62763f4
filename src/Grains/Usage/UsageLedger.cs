using Orleans.Storage;
using Synap.Grains.Credentials;

namespace Synap.Grains.Usage;

/// <summary>
/// A key owner's usage: recorded in memory on each admitted request and written to its own state at most once per
/// <see cref="UsageFlush.Period"/>, so a crash loses at most that much usage.
/// </summary>
public sealed class UsageLedger(IPersistentState<UsageState> state)
{
    private bool dirty;

    public UsageState Usage => state.State;

    /// <summary>
    /// Joins the usage to the owner's keys on activation. Usage used to be kept in the owner's state: when no usage
    /// record exists yet it is seeded from there, so no count is lost by the move.
    /// </summary>
    public void Attach(List<CredentialRecord> keys, RollingHourlyCounter? legacyCalls = null, DateTimeOffset? legacyLastActiveAt = null)
    {
        var usage = state.State;
        if (!state.RecordExists)
        {
            foreach (var key in keys.Where(k => k.LastUsedAt is not null))
                usage.KeysLastUsedAt[key.CredentialId] = key.LastUsedAt!.Value;
            if (legacyCalls is not null)
                usage.ApiCalls.Buckets = new(legacyCalls.Buckets);
            usage.LastActiveAt = legacyLastActiveAt;
            dirty = usage.KeysLastUsedAt.Count > 0 || usage.ApiCalls.Buckets.Count > 0 || usage.LastActiveAt is not null;
        }
        foreach (var key in keys)
            if (usage.KeysLastUsedAt.TryGetValue(key.CredentialId, out var used) && (key.LastUsedAt is null || key.LastUsedAt < used))
                key.LastUsedAt = used;
    }

    public void KeyUsed(string credentialId, DateTimeOffset now)
    {
        state.State.KeysLastUsedAt[credentialId] = now;
        dirty = true;
    }

    /// <summary>An instance's admitted call: counted in api_calls_24h and last_active_at.</summary>
    public void Called(DateTimeOffset now)
    {
        state.State.ApiCalls.Add(now);
        state.State.LastActiveAt = now;
        dirty = true;
    }

    /// <summary>
    /// A reset of the instance: api_calls_24h starts again from zero, written at once; a failed write puts the counts
    /// back. Key last-use times and last_active_at are history, not counters, and stay.
    /// </summary>
    public async Task ResetCountersAsync()
    {
        var calls = state.State.ApiCalls;
        state.State.ApiCalls = new();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ApiCalls = calls;
            throw;
        }
    }

    /// <summary>Writes the usage if any was recorded; <paramref name="heldKeys"/> drops entries of keys the owner no longer holds.</summary>
    public async Task<bool> FlushAsync(IEnumerable<CredentialRecord> heldKeys)
    {
        if (!dirty)
            return false;
        var held = heldKeys.Select(k => k.CredentialId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in state.State.KeysLastUsedAt.Keys.Where(id => !held.Contains(id)).ToList())
            state.State.KeysLastUsedAt.Remove(gone);
        dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // A write that failed after it committed left our ETag behind. Only this grain writes usage, so what
            // memory holds includes everything stored: take the stored ETag and keep the counts.
            dirty = true;
            var counted = state.State;
            await state.ReadStateAsync();
            state.State = counted;
            throw;
        }
        catch
        {
            dirty = true;
            throw;
        }
        return true;
    }
}
