namespace Synap.Faults;

/// <summary>
/// One fault: <see cref="InjectAsync"/> causes it and puts things back (restarts what it stopped); it sets
/// <see cref="Phase.FaultEnd"/>, the instant time to full service is measured from, and notes any misbehaviour of the
/// service in <see cref="Phase.Problems"/>. <see cref="SparedNode"/>: the API node whose callers must not notice
/// (faults of the other API node).
/// </summary>
public sealed record Fault(string Name, Func<Phase, Task> InjectAsync, ApiNode? SparedNode = null);
