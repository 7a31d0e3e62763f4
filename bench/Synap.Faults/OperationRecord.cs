namespace Synap.Faults;

/// <summary>One logical operation a caller made (with its retries), bound to the API node the caller uses.</summary>
public sealed record OperationRecord(string Kind, string HomeNode, double Start, double End, bool Succeeded, string? Failure, IReadOnlyList<Attempt> Attempts);
