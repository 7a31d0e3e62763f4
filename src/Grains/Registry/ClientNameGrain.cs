using Synap.Grains.Storage;

namespace Synap.Grains.Registry;

/// <summary>
/// Holds who owns one client name. Its state is three fields, whatever the number of clients; a free name has no
/// stored row. A failed write restores the previous holder and rethrows, so memory never runs ahead of storage.
/// </summary>
public sealed class ClientNameGrain(
    [PersistentState("client-name", SynapStorage.Name)] IPersistentState<ClientNameState> state,
    TimeProvider time) : Grain, IClientNameGrain
{
    private ClientNameState Current => state.State;

    public async Task<NameReservation> Reserve(string clientId)
    {
        if (Current.HolderClientId is { } holder && holder != clientId)
            return new NameReservation(false, holder, Current.HeldSince);
        if (Current.HolderClientId is null)
            await SaveAsync(clientId, time.GetUtcNow(), releasePending: false);
        else if (Current.ReleasePending)
            await SaveAsync(clientId, Current.HeldSince, releasePending: false);
        return new NameReservation(true, clientId, Current.HeldSince);
    }

    public async Task<bool> MarkReleasePending(string clientId)
    {
        if (Current.HolderClientId != clientId)
            return false;
        if (!Current.ReleasePending)
            await SaveAsync(clientId, Current.HeldSince, releasePending: true);
        return true;
    }

    public async Task ReleaseIfPending(string clientId)
    {
        if (Current.HolderClientId == clientId && Current.ReleasePending)
            await SaveAsync(null, default, releasePending: false);
    }

    public async Task<bool> TakeOverIfPending(string staleHolderId, string clientId)
    {
        if (Current.HolderClientId is null || (Current.HolderClientId == staleHolderId && Current.ReleasePending))
        {
            await SaveAsync(clientId, time.GetUtcNow(), releasePending: false);
            return true;
        }
        return Current.HolderClientId == clientId;
    }

    public async Task Release(string clientId)
    {
        if (Current.HolderClientId == clientId)
            await SaveAsync(null, default, releasePending: false);
    }

    private async Task SaveAsync(string? holder, DateTimeOffset since, bool releasePending)
    {
        var before = (Current.HolderClientId, Current.HeldSince, Current.ReleasePending);
        (Current.HolderClientId, Current.HeldSince, Current.ReleasePending) = (holder, since, releasePending);
        try
        {
            if (holder is null)
                await state.ClearStateAsync();
            else
                await state.WriteStateAsync();
        }
        catch
        {
            (state.State.HolderClientId, state.State.HeldSince, state.State.ReleasePending) = before;
            throw;
        }
    }
}
