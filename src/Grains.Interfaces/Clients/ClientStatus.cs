namespace Synap.Grains.Interfaces.Clients;

[GenerateSerializer, Alias("synap.client-status.v1")]
public enum ClientStatus
{
    Active = 0,
    Inactive = 1,
    SoftDeleted = 2,
}
