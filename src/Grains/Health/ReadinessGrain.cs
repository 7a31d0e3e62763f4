using Synap.Grains.Common;
using Synap.Grains.Storage;

namespace Synap.Grains.Health;

public sealed class ReadinessGrain(
    [PersistentState("readiness", SynapStorage.Name)] IPersistentState<ReadinessState> state) : Grain, IReadinessGrain
{
    // A real storage round trip, so "ready" means the database answers, not just that the grain is warm.
    public Task Check() => state.ReadStateAsync();
}
