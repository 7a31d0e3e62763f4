namespace Synap.Grains.Interfaces.Security;

[GenerateSerializer, Alias("synap.actor-type.v1")]
public enum ActorType
{
    Admin = 0,
    ClientKey = 1,
    InstanceKey = 2,
    Bootstrap = 3,
}
