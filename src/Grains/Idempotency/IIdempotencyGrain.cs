namespace Synap.Grains.Idempotency;

/// <summary>
/// The record of one <c>Idempotency-Key</c> of one credential (key: <see cref="IdempotencyScope.GrainKey"/>).
/// Used by the HTTP front end only, so it lives beside the grains rather than in the public contract.
/// </summary>
[Alias("synap.idempotency")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request (its fingerprint), or says to replay, or refuses.</summary>
    [Alias("begin")]
    Task<IdempotencyDecision> Begin(string requestHash);

    /// <summary>The claimant's response: stored for replay, or for a 5xx the key is released.</summary>
    [Alias("complete")]
    Task Complete(Guid claimId, StoredResponse response);

    /// <summary>The claimant failed without a response (an exception): the key is released.</summary>
    [Alias("release")]
    Task Release(Guid claimId);
}
