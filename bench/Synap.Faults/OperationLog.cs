using System.Collections.Concurrent;

namespace Synap.Faults;

/// <summary>Every operation of the run, appended concurrently by the callers, read once per report.</summary>
public sealed class OperationLog
{
    private readonly ConcurrentQueue<OperationRecord> records = new();

    public void Add(OperationRecord record) => records.Enqueue(record);

    public IReadOnlyList<OperationRecord> Snapshot() => [.. records];
}
