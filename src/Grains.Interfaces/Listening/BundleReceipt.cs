namespace Synap.Grains.Interfaces.Listening;

/// <summary>API.md §10: <c>202 {"bundle_id", "sequence", "delivered_to"}</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.bundle-receipt.v1")]
public sealed record BundleReceipt(
    [property: Id(0)] string BundleId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string DeliveredTo);
