using Synap.Grains.Clients;
using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.RateLimiting;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.RateLimiting;

namespace Synap.Grains.Instances;

/// <summary>Instance keys: authorization with the per-key bucket, and usage counted in memory and flushed on a timer.</summary>
public sealed partial class InstanceGrain
{
    private static readonly ClientStanding DefaultStanding = new(ClientStatus.Active, ClientTier.Free, new RateLimitPolicy(60, 10));

    // The client's listing shows last_active_at; refreshing it on every flush would cost the client a write
    // every few seconds, so it is republished only when it moved by this much.
    private static readonly TimeSpan ListingActivityResolution = TimeSpan.FromMinutes(1);

    private readonly KeyBuckets buckets = new();
    private bool usageDirty;
    private DateTimeOffset? publishedLastActiveAt;

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
        {
            state.State.ApiCalls.Add(now);
            state.State.Detail = detail with { LastActiveAt = now };
            usageDirty = true;
        }
        return Task.FromResult<Outcome<KeyAuthorization>>(new KeyAuthorization(
            Actor.ForInstanceKey(credentialId, detail.ClientId, InstanceId), decision, record.Label, clientStanding.Tier,
            record.CreatedAt, record.LastUsedAt));
    }

    private async Task FlushUsageAsync(CancellationToken cancellationToken)
    {
        if (!usageDirty || state.State.Detail is not { } detail)
            return;
        await WriteStateAsync();
        if (detail.LastActiveAt is { } active && (publishedLastActiveAt is null || active - publishedLastActiveAt >= ListingActivityResolution))
        {
            publishedLastActiveAt = active;
            await GrainFactory.GetGrain<IClientMembership>(detail.ClientId).PublishInstance(InstanceListing.Of(View()));
        }
    }

    /// <summary>Every write also persists the usage recorded since the last one.</summary>
    private Task WriteStateAsync()
    {
        usageDirty = false;
        return state.WriteStateAsync();
    }
}
