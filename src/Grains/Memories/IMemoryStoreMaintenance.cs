using Orleans.Concurrency;

namespace Synap.Grains.Memories;

/// <summary>The memory store's side of its coordination with the silo and the instance grain; not for callers.</summary>
[Alias("synap.memory-store-maintenance")]
public interface IMemoryStoreMaintenance : IGrainWithStringKey
{
    /// <summary>The instance's <c>memories_count</c>, from memory: read once by the instance when it activates.</summary>
    [AlwaysInterleave, Alias("completed-count")]
    Task<long> GetCompletedCount();

    /// <summary>Wakes the store to ingest what is pending (the start-up sweep, or the store itself between batches).</summary>
    [OneWay, Alias("resume-ingestion")]
    Task ResumeIngestion();
}
