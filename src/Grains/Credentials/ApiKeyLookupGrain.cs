using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Storage;

namespace Synap.Grains.Credentials;

/// <summary>
/// Reads the index row of a key hash straight from grain storage, under the grain id its
/// <see cref="ApiKeyIndexGrain"/> has, so a lookup costs one storage read and no activation, directory entry or
/// deactivation per hash. That is what keeps random guessed keys (each a new hash, never in any cache) cheap.
/// </summary>
/// <remarks>
/// A stateless worker: activated locally on the silo that receives the call, never registered in the grain
/// directory, and reentrant because it keeps no state between calls, so one activation serves many reads at once.
/// Only <see cref="ApiKeyIndexGrain"/> writes the row, and it writes it before the key is shown to anyone, so a read
/// after that sees it; the row never changes afterwards (revocation and expiry live with the owner).
/// </remarks>
[StatelessWorker]
[Reentrant]
public sealed class ApiKeyLookupGrain : Grain, IApiKeyLookupGrain
{
    private IGrainStorage storage = null!;
    private GrainType indexType;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);
        // The index grain's type as the runtime names it, so the row read below is exactly the one it wrote.
        indexType = GrainFactory.GetGrain<IApiKeyIndexGrain>("-").GetGrainId().Type;
        return Task.CompletedTask;
    }

    public async Task<KeyOwner?> Resolve(string keyHash)
    {
        var row = new GrainState<ApiKeyIndexState>(new ApiKeyIndexState());
        await storage.ReadStateAsync(ApiKeyIndexGrain.StateName, GrainId.Create(indexType, keyHash), row);
        return row.State?.Owner;
    }
}
