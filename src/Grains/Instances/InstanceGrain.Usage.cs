using Synap.Grains.Clients;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.RateLimiting;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.RateLimiting;
using Synap.Grains.Usage;

namespace Synap.Grains.Instances;

/// <summary>
/// Instance keys: authorization with the per-key bucket, usage counted in memory and written to its own state on a
/// timer, and the client's standing re-read on a second timer in case a push from the client was lost.
/// </summary>
public sealed partial class InstanceGrain
{
    private static readonly ClientStanding DefaultStanding = new(ClientStatus.Active, ClientTier.Free, new RateLimitPolicy(60, 10));

    // The client's listing shows last_active_at; refreshing it on every flush would cost the client a write
    // every few seconds, so it is republished only when it moved by this much.
    private static readonly TimeSpan ListingActivityResolution = TimeSpan.FromMinutes(1);

    private readonly KeyBuckets buckets = new();
    private readonly UsageLedger usage = new(usageState);
    private DateTimeOffset? publishedLastActiveAt;
    private IGrainTimer? flushTimer;
    private IGrainTimer? standingTimer;

    public Task<Outcome<KeyAuthorization>> AuthorizeKey(string credentialId, string keyHash)
    {
        if (state.State.Detail is not { } detail)
            return Task.FromResult<Outcome<KeyAuthorization>>(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"));
        var now = time.GetUtcNow();
        var admitted = KeyAdmission.Admit(Keys, buckets, credentialId, keyHash, clientStanding, now);
        if (admitted.Error is { } refused)
            return Task.FromResult<Outcome<KeyAuthorization>>(refused);
        var (record, decision) = admitted.Value!;
        if (decision.Allowed)
            RecordUse(credentialId, now);
        return Task.FromResult<Outcome<KeyAuthorization>>(new KeyAuthorization(
            Actor.ForInstanceKey(credentialId, detail.ClientId, InstanceId), decision, record.Label, clientStanding.Tier,
            record.CreatedAt, record.LastUsedAt));
    }

    /// <summary>An admitted call of an instance key: its last use, api_calls_24h and last_active_at, written by the next flush.</summary>
    private void RecordUse(string credentialId, DateTimeOffset now)
    {
        usage.KeyUsed(credentialId, now);
        usage.Called(now);
    }

    /// <summary>Takes a standing unless a newer one is already held: pushes and re-reads may arrive out of order.</summary>
    private void AcceptStanding(ClientStanding standing)
    {
        if (standing.Version >= clientStanding.Version)
            clientStanding = standing;
    }

    /// <summary>Once the instance exists: joins its usage to its keys and starts the usage flush and the standing re-read.</summary>
    private void StartKeeping()
    {
        if (flushTimer is not null)
            return;
        usage.Attach(state.State.Keys, state.State.ApiCalls, state.State.Detail!.LastActiveAt);
        flushTimer = this.RegisterGrainTimer(FlushUsageAsync, UsageFlush.Period, UsageFlush.Period);
        var refresh = standingOptions.Value.RefreshPeriod;
        // Interleaved: the re-read awaits the client, and key checks must not queue behind it; it only swaps clientStanding.
        standingTimer = this.RegisterGrainTimer(RefreshStandingAsync, new GrainTimerCreationOptions(refresh, refresh) { Interleave = true });
    }

    private async Task RefreshStandingAsync(CancellationToken cancellationToken)
    {
        if (state.State.Detail is { Status: not InstanceStatus.Archived } detail
            && await GrainFactory.GetGrain<IClientMembership>(detail.ClientId).GetStanding() is { } standing)
        {
            AcceptStanding(standing);
            await PublishStandingAsync();
        }
    }

    private async Task FlushUsageAsync(CancellationToken cancellationToken)
    {
        if (state.State.Detail is not { } detail || !await usage.FlushAsync(state.State.Keys))
            return;
        // The usage state now holds what the instance state held before usage moved; the next command's write drops it.
        state.State.ApiCalls.Clear();
        if (usage.Usage.LastActiveAt is { } active && (publishedLastActiveAt is null || active - publishedLastActiveAt >= ListingActivityResolution))
        {
            publishedLastActiveAt = active;
            await GrainFactory.GetGrain<IClientMembership>(detail.ClientId).PublishInstance(InstanceListing.Of(View()));
        }
    }
}
