using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>
/// What the grains keyed by an instance id (listener, memory store, config history) need to know of the instance to
/// decide access: whose it is, its status and its client's status. The instance grain owns it and tells them of a
/// change after its own write.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.instance-standing.v1")]
public sealed record InstanceStanding(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] InstanceStatus Status,
    [property: Id(3)] ClientStatus ClientStatus);
