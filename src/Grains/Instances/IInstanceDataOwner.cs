namespace Synap.Grains.Instances;

/// <summary>
/// A grain keyed by an instance id that keeps data the instance's reset clears (API.md §5: memories, events and
/// counters; config, credentials and metadata stay). Clearing must be idempotent: a reset that failed half-way is
/// retried and converges.
/// </summary>
[Alias("synap.instance-data-owner")]
public interface IInstanceDataOwner : IGrainWithStringKey
{
    [Alias("clear-instance-data")]
    Task ClearInstanceData();
}
