using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Telemetry;

namespace Synap.Api.Authentication;

/// <summary>
/// The key rules of API.md §3, shared by every transport (HTTP through <see cref="SynapKeyHandler"/>, the gRPC listen
/// stream through its metadata): a key failing its checksum is refused before any lookup; otherwise one cached index
/// lookup and one call to the owner grain decide both who the caller is and whether its bucket admits the request.
/// Refused keys are counted per remote address; an address that used up its failures is refused without a lookup.
/// </summary>
public sealed class KeyAuthenticator(
    AdminKey adminKey, KeyOwnerCache owners, FailedAuthenticationLimiter failures, IGrainFactory grains, SynapMetrics metrics)
{
    /// <summary>Refused keys an address may present per window (the <c>limit</c> of the address's 429).</summary>
    public int FailureLimit => failures.Limit;

    /// <param name="authorizationHeader">The <c>Authorization</c> value as received (empty or null when absent).</param>
    /// <param name="addressPartition">The caller's <see cref="RemoteAddress.PartitionOf"/>.</param>
    /// <param name="authorize">How the owner grain is asked (by default <see cref="AuthorizeWithOwnerAsync"/>).</param>
    public async Task<KeyCheck> CheckAsync(string? authorizationHeader, string addressPartition,
        Func<KeyOwner, string, Task<Outcome<KeyAuthorization>>>? authorize = null)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
            return KeyCheck.Missing;
        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorizationHeader.Length <= 7)
            return Refused(Failure.Of(ErrorCodes.AuthenticationRequired, "Authorization must be 'Bearer <key>'"));
        var key = authorizationHeader[7..].Trim();

        if (adminKey.Matches(key))
            return KeyCheck.Admin;
        var hash = ApiKeyFormat.HasValidChecksum(key) ? ApiKeyFormat.Hash(key) : null;
        var owner = hash is null ? null : owners.Cached(hash);
        if (owner is null && failures.RetryAfter(addressPartition) is { } retryAfter)
        {
            metrics.RateLimitRejected(SynapMetrics.RateLimits.FailedAuthentications);
            return new KeyCheck(KeyCheckStatus.AddressLimited, RetryAfter: retryAfter);
        }
        if (hash is null)
            return RefusedKey(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"), addressPartition);

        owner ??= await owners.ResolveAsync(hash);
        if (owner is null)
            return RefusedKey(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"), addressPartition);
        var outcome = await (authorize ?? AuthorizeWithOwnerAsync)(owner, hash);
        if (outcome.Error is { } failure)
            return failure.Code == ErrorCodes.InvalidApiKey ? RefusedKey(failure, addressPartition) : Refused(failure);
        if (!outcome.Value!.RateLimit.Allowed)
            metrics.RateLimitRejected(SynapMetrics.RateLimits.KeyBucket);
        return new KeyCheck(KeyCheckStatus.Authorized, outcome.Value, hash);
    }

    /// <summary>One call to the grain that owns the key: it checks the key and takes a token from its bucket.</summary>
    public Task<Outcome<KeyAuthorization>> AuthorizeWithOwnerAsync(KeyOwner owner, string keyHash) =>
        owner.Scope == ActorType.InstanceKey
            ? grains.GetGrain<IInstanceGrain>(owner.InstanceId!).AuthorizeKey(owner.CredentialId, keyHash)
            : grains.GetGrain<IClientGrain>(owner.ClientId).AuthorizeKey(owner.CredentialId, keyHash);

    private KeyCheck RefusedKey(Failure failure, string addressPartition)
    {
        failures.RecordFailure(addressPartition);
        return Refused(failure);
    }

    private KeyCheck Refused(Failure failure)
    {
        metrics.AuthenticationFailed(failure.Code);
        return new KeyCheck(KeyCheckStatus.Refused, Failure: failure);
    }
}
