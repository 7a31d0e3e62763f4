namespace Synap.Grains.Idempotency;

[GenerateSerializer, Alias("synap.idempotency-verdict.v1")]
public enum IdempotencyVerdict
{
    /// <summary>The request holds the key now: run it, then report its response.</summary>
    Proceed = 0,

    /// <summary>The same request already completed: send its stored response again.</summary>
    Replay = 1,

    /// <summary>The key belongs to a different request: <c>409 IDEMPOTENCY_KEY_REUSED</c>.</summary>
    KeyReused = 2,

    /// <summary>The same request is still running elsewhere: <c>409 IDEMPOTENCY_KEY_IN_USE</c>.</summary>
    KeyInUse = 3,
}
