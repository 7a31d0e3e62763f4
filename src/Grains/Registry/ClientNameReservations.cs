using Microsoft.Extensions.Logging;
using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Registry;

/// <summary>
/// The registry's side of name uniqueness. A reservation is valid while its holder exists, is not soft-deleted and
/// still has that name; one that is not (a rename or delete whose release was lost, a create that failed) is found
/// stale when another client asks for the name, by asking the holder itself. The holder's <c>Get</c> is served
/// after any change it is making, so the answer reflects its own write; the pending flag makes the take-over lose
/// to a reservation the holder makes meanwhile.
/// </summary>
public sealed class ClientNameReservations(IGrainFactory grains, IClientIndexGrain index, TimeProvider time, ILogger logger)
{
    /// <summary>How long a name held by a client that does not exist yet counts as a create in progress.</summary>
    public static readonly TimeSpan CreateGrace = TimeSpan.FromMinutes(1);

    public async Task<bool> ReserveAsync(string nameKey, string clientId)
    {
        var reservation = await Name(nameKey).Reserve(clientId);
        if (reservation.Reserved)
            return true;
        var holder = reservation.HolderClientId!;
        await Name(nameKey).MarkReleasePending(holder);
        var current = await Client(holder).Get(Actor.Admin);
        if (current.Value is { } view)
        {
            if (Holds(view, nameKey))
            {
                // The holder is real: make sure it is listed (its own create may have failed after Initialize).
                await index.Upsert(ClientIndexEntry.Of(view));
                return false;
            }
        }
        else if (current.Error?.Code != ErrorCodes.ClientNotFound || time.GetUtcNow() - reservation.HeldSince < CreateGrace)
            return false;
        return await Name(nameKey).TakeOverIfPending(holder, clientId);
    }

    /// <summary>
    /// Frees a name the client no longer uses once its own write is done: the holder's <c>Get</c> waits for the
    /// change in progress, and the release happens only if the stored client does not hold the name any more.
    /// Runs after the publish answered (awaiting it inside the publish would wait on the caller itself).
    /// </summary>
    public async Task ReleaseAfterClientWriteAsync(string nameKey, string clientId)
    {
        try
        {
            if (!await Name(nameKey).MarkReleasePending(clientId))
                return;
            var current = await Client(clientId).Get(Actor.Admin);
            if (current.Value is { } view && Holds(view, nameKey))
                return;
            await Name(nameKey).ReleaseIfPending(clientId);
        }
        catch (Exception error)
        {
            // The reservation stays until another client asks for the name and finds it stale.
            RegistryLog.NameReleaseFailed(logger, error, clientId);
        }
    }

    /// <summary>After a failed <c>Initialize</c>: frees the name only if the client surely does not exist.</summary>
    public async Task ReleaseUnlessCreatedAsync(string nameKey, string clientId)
    {
        // The client deactivates after its failed write; a call that reaches the activation while it is going away
        // may be refused rather than forwarded, so the question is asked again (a new activation reads storage).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await Client(clientId).Get(Actor.Admin);
                if (current.Error?.Code == ErrorCodes.ClientNotFound)
                    await Name(nameKey).Release(clientId);
                return;
            }
            catch (Exception error) when (attempt < ReleaseAttempts)
            {
                RegistryLog.NameReleaseRetried(logger, error, clientId, attempt);
            }
            catch (Exception error)
            {
                RegistryLog.NameReleaseFailed(logger, error, clientId);
                return;
            }
        }
    }

    private const int ReleaseAttempts = 3;

    private static bool Holds(ClientView view, string nameKey) =>
        view.Status != ClientStatus.SoftDeleted && ClientNames.Key(view.Name) == nameKey;

    private IClientNameGrain Name(string nameKey) => grains.GetGrain<IClientNameGrain>(nameKey);

    private IClientGrain Client(string clientId) => grains.GetGrain<IClientGrain>(clientId);
}
