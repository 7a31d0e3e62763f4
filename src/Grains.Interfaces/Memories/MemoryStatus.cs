namespace Synap.Grains.Interfaces.Memories;

/// <summary>A memory is <c>pending</c> from its acknowledgement until its ingestion completed in the background.</summary>
[GenerateSerializer, Alias("synap.memory-status.v1")]
public enum MemoryStatus
{
    Pending = 0,
    Completed = 1,
}
