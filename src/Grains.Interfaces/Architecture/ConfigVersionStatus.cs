namespace Synap.Grains.Interfaces.Architecture;

[GenerateSerializer, Alias("synap.config-version-status.v1")]
public enum ConfigVersionStatus
{
    PendingApproval = 0,
    Approved = 1,
    Active = 2,
    Superseded = 3,
    Rejected = 4,
}
