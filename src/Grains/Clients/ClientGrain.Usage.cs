using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Usage;

namespace Synap.Grains.Clients;

/// <summary>Client keys: authorization with the per-key bucket, and last use counted in memory and flushed on a timer.</summary>
public sealed partial class ClientGrain
{
    private IGrainTimer? keepingTimer;

    public Task<Outcome<KeyAuthorization>> AuthorizeKey(string credentialId, string keyHash)
    {
        if (state.State.View is not { } view)
            return Task.FromResult<Outcome<KeyAuthorization>>(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"));
        var standing = ClientStanding.Of(view);
        var now = time.GetUtcNow();
        var admitted = KeyAdmission.Admit(Keys, buckets, credentialId, keyHash, standing, now);
        if (admitted.Error is { } refused)
            return Task.FromResult<Outcome<KeyAuthorization>>(refused);
        var (record, decision) = admitted.Value!;
        if (decision.Allowed)
            usage.KeyUsed(credentialId, now);
        return Task.FromResult<Outcome<KeyAuthorization>>(new KeyAuthorization(
            Actor.ForClientKey(credentialId, ClientId), decision, record.Label, standing.Tier, record.CreatedAt, record.LastUsedAt));
    }

    /// <summary>Once the client exists: joins its usage to its keys and starts the timer that writes usage and catches up the registry.</summary>
    private void StartKeeping()
    {
        if (keepingTimer is not null)
            return;
        usage.Attach(state.State.Keys);
        keepingTimer = this.RegisterGrainTimer(FlushAsync, UsageFlush.Period, UsageFlush.Period);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (state.State.View is not { } view)
            return;
        await usage.FlushAsync(state.State.Keys);
        if (registryBehind)
            await PublishToRegistryAsync(view);
    }
}
