namespace Synap.Grains.Idempotency;

/// <summary>What to do with a request carrying an <c>Idempotency-Key</c>; <see cref="ClaimId"/> is set only to proceed.</summary>
[GenerateSerializer, Immutable, Alias("synap.idempotency-decision.v1")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyVerdict Verdict,
    [property: Id(1)] Guid ClaimId,
    [property: Id(2)] StoredResponse? Response)
{
    public static IdempotencyDecision KeyReused { get; } = new(IdempotencyVerdict.KeyReused, Guid.Empty, null);

    public static IdempotencyDecision KeyInUse { get; } = new(IdempotencyVerdict.KeyInUse, Guid.Empty, null);

    public static IdempotencyDecision Proceed(Guid claimId) => new(IdempotencyVerdict.Proceed, claimId, null);

    public static IdempotencyDecision Replay(StoredResponse response) => new(IdempotencyVerdict.Replay, Guid.Empty, response);
}
