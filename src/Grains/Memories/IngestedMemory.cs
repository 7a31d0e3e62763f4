namespace Synap.Grains.Memories;

/// <summary>What ingestion derived from a pending memory, written when it completes.</summary>
public sealed record IngestedMemory(string Id, string ContentSha256, int TokenEstimate);
