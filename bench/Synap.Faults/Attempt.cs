namespace Synap.Faults;

/// <summary>
/// One HTTP attempt of an operation. <see cref="Status"/> is 0 when no response came (refused, reset, timed out);
/// <see cref="Error"/> is then why, else the API error code. <see cref="NodeTakenDown"/>: the node had been signalled
/// by the driver and was not ready again when the attempt ended.
/// </summary>
public sealed record Attempt(string Node, double Start, double End, int Status, string? Error, bool HasRetryAfter, bool NodeTakenDown)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>
    /// A failure of the service, as opposed to a refusal by a node the driver took down (a load balancer routes around
    /// an absent node) or a retried create told its key is still held by an earlier attempt (409 IDEMPOTENCY_KEY_IN_USE).
    /// </summary>
    public bool IsServiceFailure => !Succeeded && !NodeTakenDown && Error != "IDEMPOTENCY_KEY_IN_USE";
}
