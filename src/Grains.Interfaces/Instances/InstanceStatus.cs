namespace Synap.Grains.Interfaces.Instances;

[GenerateSerializer, Alias("synap.instance-status.v1")]
public enum InstanceStatus
{
    Provisioning = 0,
    Active = 1,
    Inactive = 2,
    Suspended = 3,
    Archived = 4,
}
