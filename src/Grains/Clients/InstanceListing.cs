using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Clients;

/// <summary>What a client knows of one of its instances: enough to list, filter and keep names unique without calling it.</summary>
[GenerateSerializer, Immutable, Alias("synap.instance-listing.v1")]
public sealed record InstanceListing(
    [property: Id(0)] InstanceSummary Summary,
    [property: Id(1)] string? ParentInstanceId)
{
    public bool IsArchived => Summary.Status == InstanceStatus.Archived;

    public static InstanceListing Of(InstanceDetail d) =>
        new(new InstanceSummary(d.Id, d.Name, d.Status, d.AgentType, d.ConfigStatus, d.CreatedAt, d.LastActiveAt), d.ParentInstanceId);
}
