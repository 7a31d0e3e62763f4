using Synap.Grains.Common;

namespace Synap.Grains.Health;

public sealed class ReadinessGrain(
    [PersistentState("readiness", GrainStorage.Synap)] IPersistentState<ReadinessState> state) : Grain, IReadinessGrain
{
    // A real storage round trip, so "ready" means the database answers, not just that the grain is warm.
    public Task Check() => state.ReadStateAsync();
}
