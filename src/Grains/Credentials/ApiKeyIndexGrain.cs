using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Storage;

namespace Synap.Grains.Credentials;

/// <summary>Maps one key hash to its owner. Written once at key creation; the owner keeps revocation and expiry.</summary>
/// <remarks>
/// A lookup-only grain, one activation per presented hash: API nodes cache what it answers, so a known key's
/// activation is rarely called again and is collected after a short idle time, and an unknown hash (a guess)
/// deactivates right after answering, so guessing keys cannot pile up activations in the silo.
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ApiKeyIndexGrain(
    [PersistentState("api-key-index", SynapStorage.Name)] IPersistentState<ApiKeyIndexState> state) : Grain, IApiKeyIndexGrain
{
    public async Task<Outcome<KeyOwner>> Register(KeyOwner owner)
    {
        if (state.State.Owner is { } existing)
            return existing == owner ? existing : Failure.Of(ErrorCodes.InvalidInput, "Key hash already registered");
        state.State.Owner = owner;
        await state.WriteStateAsync();
        return owner;
    }

    public Task<KeyOwner?> Resolve()
    {
        if (state.State.Owner is null)
            this.DeactivateOnIdle();
        return Task.FromResult(state.State.Owner);
    }
}
