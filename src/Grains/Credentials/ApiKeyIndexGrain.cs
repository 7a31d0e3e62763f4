using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Storage;

namespace Synap.Grains.Credentials;

/// <summary>Maps one key hash to its owner. Written once at key creation; the owner keeps revocation and expiry.</summary>
/// <remarks>
/// The single writer of the index rows. API nodes do not resolve keys here but through
/// <see cref="ApiKeyLookupGrain"/>, which reads the same rows without an activation per hash; <see cref="Resolve"/>
/// stays for trusted callers. An activation is collected after a short idle time, and one asked about an unknown
/// hash deactivates right after answering.
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed class ApiKeyIndexGrain(
    [PersistentState(ApiKeyIndexGrain.StateName, SynapStorage.Name)] IPersistentState<ApiKeyIndexState> state) : Grain, IApiKeyIndexGrain
{
    /// <summary>The storage state name of an index row; <see cref="ApiKeyLookupGrain"/> reads rows by it.</summary>
    public const string StateName = "api-key-index";

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
