using Synap.Grains.Interfaces.Credentials;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>
/// An instance key reading its own instance in one grain call: the key's authorization (bucket decision and
/// caller) and, when the request was admitted, the instance as <c>Get</c> shows it.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.instance-self-read.v1")]
public sealed record InstanceSelfRead(
    [property: Id(0)] KeyAuthorization Authorization,
    [property: Id(1)] InstanceDetail? Detail);
