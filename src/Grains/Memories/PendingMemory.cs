namespace Synap.Grains.Memories;

/// <summary>A memory acknowledged but not yet ingested: what ingestion needs of its row.</summary>
public sealed record PendingMemory(string Id, string Content, string CorrelationId);
