using Synap.Grains.Memories;

namespace Synap.Grains.Instances;

/// <summary>
/// <c>memories_count</c>, whose truth is the memory store's table. The instance holds the count in memory: the store
/// tells it after every change (<see cref="OnMemoriesCountChanged"/>, interleaved, so the store never waits behind
/// the instance), and an activation reads it once from the store on its first read, not while activating, since the
/// store's own activation asks the instance for its standing. The instance-key self-read thus makes no extra grain call.
/// </summary>
public sealed partial class InstanceGrain
{
    private long? memoriesCount;
    private Task? memoriesCountRead;

    public Task OnMemoriesCountChanged(long count)
    {
        memoriesCount = count;
        return Task.CompletedTask;
    }

    /// <summary>Completes at once when the count is known; otherwise one read of the store, shared by concurrent reads.</summary>
    private Task KnowMemoriesCountAsync() =>
        memoriesCount is not null || state.State.Detail is null ? Task.CompletedTask : memoriesCountRead ??= ReadMemoriesCountAsync();

    private async Task ReadMemoriesCountAsync()
    {
        try
        {
            var count = await GrainFactory.GetGrain<IMemoryStoreMaintenance>(InstanceId).GetCompletedCount();
            // A count the store pushed while this read was on its way is at least as new.
            memoriesCount ??= count;
        }
        finally
        {
            memoriesCountRead = null;
        }
    }
}
