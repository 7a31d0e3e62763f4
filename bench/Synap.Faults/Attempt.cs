namespace Synap.Faults;

/// <summary>
/// One HTTP attempt of an operation. <see cref="Status"/> is 0 when no response came (refused, reset, timed out).
/// <see cref="NodeTakenDown"/>: the node had been signalled by the driver and was not ready again when it ended.
/// </summary>
public sealed record Attempt(string Node, double Start, double End, int Status, string? Error, bool HasRetryAfter, bool NodeTakenDown)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
