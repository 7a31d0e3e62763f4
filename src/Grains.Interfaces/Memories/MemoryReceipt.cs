namespace Synap.Grains.Interfaces.Memories;

/// <summary>The <c>202</c> answer to a new memory: stored durably as <c>pending</c>, ingested in the background.</summary>
[GenerateSerializer, Immutable, Alias("synap.memory-receipt.v1")]
public sealed record MemoryReceipt(
    [property: Id(0)] string Id,
    [property: Id(1)] MemoryStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CorrelationId);
