using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Storage;

namespace Synap.Grains.Credentials;

/// <summary>Maps one key hash to its owner. Written once at key creation; the owner keeps revocation and expiry.</summary>
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

    public Task<KeyOwner?> Resolve() => Task.FromResult(state.State.Owner);
}
