namespace Synap.Grains.Interfaces.Clients;

[GenerateSerializer, Alias("synap.client-tier.v1")]
public enum ClientTier
{
    Free = 0,
    Pro = 1,
    Enterprise = 2,
}
