namespace Synap.Grains.Memories;

/// <summary><c>Synap:MemoryIngestion</c>: how the memory store ingests in the background.</summary>
public sealed class MemoryIngestionOptions
{
    public const string Section = "Synap:MemoryIngestion";

    /// <summary>
    /// <c>Synap:MemoryIngestion:Delay</c>, how long a memory stays pending before ingestion starts. Default: zero. A test
    /// hook: a long delay holds memories pending so a test can stop the silo mid-ingestion and show they complete after.
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// <c>Synap:MemoryIngestion:BatchSize</c>, pending memories completed per turn of the store. Default: 100. Between
    /// batches the store answers other calls, so a long backlog does not stall reads.
    /// </summary>
    public int BatchSize { get; set; } = 100;
}
