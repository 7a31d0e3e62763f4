namespace Synap.Faults;

/// <summary>An acknowledged write that a later read did not find as written.</summary>
public sealed record LostWrite(double AcknowledgedAt, string What);
