using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Synap.Grains.Interfaces.Credentials;

namespace Synap.Api.Authentication;

/// <summary>
/// Key hash → owner, cached on this API node. Safe to cache because the mapping never changes; revocation and
/// expiry are decided by the owner grain on every request, so they still take effect on the next request everywhere.
/// </summary>
/// <remarks>
/// Hashes the index does not know are remembered too, for <see cref="AbuseLimitOptions.UnknownKeyTtl"/> and up to
/// <see cref="AbuseLimitOptions.UnknownKeyCapacity"/> of them, so a repeated guess (or a client retrying a deleted
/// key) costs no grain call. This cannot refuse a real key: a key is registered in the index before it is shown to
/// anyone, so no caller can present it while it is still unknown. The one exception is a caller who guessed the
/// exact 40-character random key (about 238 bits) before it was created, which is never going to happen.
/// Misses go to <see cref="IApiKeyLookupGrain"/>, which reads the index row without activating a grain per hash.
/// </remarks>
public sealed class KeyOwnerCache
{
    private readonly MemoryCache known = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly MemoryCache unknown;
    private readonly Func<string, Task<KeyOwner?>> lookup;
    private readonly AbuseLimitOptions options;

    public KeyOwnerCache(IGrainFactory grains, IOptions<AbuseLimitOptions> options)
        : this(grains.GetGrain<IApiKeyLookupGrain>(IApiKeyLookupGrain.Key).Resolve, options.Value)
    {
    }

    /// <summary>With the index lookup given directly (tests count the lookups).</summary>
    internal KeyOwnerCache(Func<string, Task<KeyOwner?>> lookup, AbuseLimitOptions options)
    {
        this.lookup = lookup;
        this.options = options;
        unknown = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.UnknownKeyCapacity) });
    }

    /// <summary>The owner when this node already knows it, without any lookup.</summary>
    public KeyOwner? Cached(string keyHash) => known.TryGetValue(keyHash, out KeyOwner? owner) ? owner : null;

    public async Task<KeyOwner?> ResolveAsync(string keyHash)
    {
        if (known.TryGetValue(keyHash, out KeyOwner? owner))
            return owner;
        if (unknown.TryGetValue(keyHash, out _))
            return null;
        owner = await lookup(keyHash);
        if (owner is not null)
            known.Set(keyHash, owner, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        else if (options.UnknownKeyCapacity > 0 && options.UnknownKeyTtl > TimeSpan.Zero)
            unknown.Set(keyHash, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.UnknownKeyTtl });
        return owner;
    }
}
