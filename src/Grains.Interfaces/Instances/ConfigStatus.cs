namespace Synap.Grains.Interfaces.Instances;

[GenerateSerializer, Alias("synap.config-status.v1")]
public enum ConfigStatus
{
    Pending = 0,
    Active = 1,
    PendingApproval = 2,
}
