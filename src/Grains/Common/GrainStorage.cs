namespace Synap.Grains.Common;

/// <summary>Names of the grain storage providers the grains persist through.</summary>
public static class GrainStorage
{
    /// <summary>PostgreSQL in a cluster, the embedded SQLite file in standalone mode.</summary>
    public const string Synap = "synap";
}
