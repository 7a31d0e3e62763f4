namespace Synap.Grains.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one credential (API.md §8), as its grain persists it. The rules are pure methods
/// taking the time, so they are tested without a silo: the first request claims the key, its response is kept
/// for 24 h, and a request that failed on our side (5xx, exception) gives the key back so a retry can run.
/// </summary>
[GenerateSerializer, Alias("synap.idempotency-record.v1")]
public sealed class IdempotencyRecord
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim without a response blocks other requests. Far longer than a create takes, short enough
    /// that the retry of a request whose API node died waits only briefly before taking over.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>SHA-256 hex of the method, path and query, and body of the request that owns the key; null when unused.</summary>
    [Id(0)] public string? RequestHash { get; private set; }

    /// <summary>Identifies the request currently holding the claim, so a request that lost it cannot record over its successor.</summary>
    [Id(1)] public Guid ClaimId { get; private set; }

    /// <summary>When the owning request arrived; the 24 h start here.</summary>
    [Id(2)] public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Null while the owning request runs.</summary>
    [Id(3)] public StoredResponse? Response { get; private set; }

    public bool IsEmpty => RequestHash is null;

    public DateTimeOffset ExpiresAt => StartedAt + Lifetime;

    public bool IsExpired(DateTimeOffset now) => !IsEmpty && now >= ExpiresAt;

    /// <summary>Decides a new request. On <see cref="IdempotencyVerdict.Proceed"/> the record has changed and must be saved.</summary>
    public IdempotencyDecision Begin(string requestHash, DateTimeOffset now, Guid newClaimId)
    {
        if (IsEmpty || IsExpired(now))
            return Claim(requestHash, now, newClaimId);
        // Checked first so that a key stays bound to its request even when that request never finished.
        if (RequestHash != requestHash)
            return IdempotencyDecision.KeyReused;
        if (Response is { } response)
            return IdempotencyDecision.Replay(response);
        if (now < StartedAt + Lease)
            return IdempotencyDecision.KeyInUse;
        return Claim(requestHash, now, newClaimId);
    }

    /// <summary>Records the claimant's response; a 5xx releases the key instead. False (nothing changed) for a stale claim.</summary>
    public bool Complete(Guid claimId, StoredResponse response)
    {
        if (!IsHeldBy(claimId))
            return false;
        // A 5xx may have happened before anything was done, and the caller is told to retry: that retry must run.
        if (response.StatusCode >= 500)
            Forget();
        else
            Response = response;
        return true;
    }

    /// <summary>Gives the key back after the claimant failed without a response. False (nothing changed) for a stale claim.</summary>
    public bool Release(Guid claimId)
    {
        if (!IsHeldBy(claimId))
            return false;
        Forget();
        return true;
    }

    private bool IsHeldBy(Guid claimId) => !IsEmpty && Response is null && ClaimId == claimId;

    private IdempotencyDecision Claim(string requestHash, DateTimeOffset now, Guid claimId)
    {
        (RequestHash, ClaimId, StartedAt, Response) = (requestHash, claimId, now, null);
        return IdempotencyDecision.Proceed(claimId);
    }

    private void Forget() => (RequestHash, ClaimId, StartedAt, Response) = (null, Guid.Empty, default, null);
}
