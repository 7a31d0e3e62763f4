using Microsoft.Extensions.Caching.Memory;
using Synap.Grains.Interfaces.Credentials;

namespace Synap.Api.Authentication;

/// <summary>
/// Key hash → owner, cached on this API node. Safe to cache because the mapping never changes; revocation and
/// expiry are decided by the owner grain on every request, so they still take effect on the next request everywhere.
/// </summary>
public sealed class KeyOwnerCache(IGrainFactory grains)
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<KeyOwner?> ResolveAsync(string keyHash)
    {
        if (cache.TryGetValue(keyHash, out KeyOwner? owner))
            return owner;
        owner = await grains.GetGrain<IApiKeyIndexGrain>(keyHash).Resolve();
        if (owner is not null)
            cache.Set(keyHash, owner, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return owner;
    }
}
