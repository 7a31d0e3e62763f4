namespace Synap.Grains.Health;

/// <summary>Answers only when the cluster can place a grain and the grain storage answers a read.</summary>
[Alias("synap.readiness")]
public interface IReadinessGrain : IGrainWithStringKey
{
    const string Key = "default";

    [Alias("check")]
    Task Check();
}
