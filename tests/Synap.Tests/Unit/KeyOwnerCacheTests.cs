using Synap.Api.Authentication;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit;

/// <summary>Issue 6 item 2: a guessed key costs the cluster one index lookup per node and TTL, not one per request.</summary>
public sealed class KeyOwnerCacheTests
{
    private readonly Dictionary<string, int> lookups = [];
    private readonly Dictionary<string, KeyOwner> index = [];

    private KeyOwnerCache Cache(AbuseLimitOptions? options = null) => new(hash =>
    {
        lookups[hash] = lookups.GetValueOrDefault(hash) + 1;
        return Task.FromResult(index.GetValueOrDefault(hash));
    }, options ?? new AbuseLimitOptions());

    [Fact]
    public async Task A_hash_the_index_does_not_know_is_not_looked_up_again_while_remembered()
    {
        var cache = Cache();
        var guess = ApiKeyFormat.Hash(ApiKeyFormat.Generate());

        for (var i = 0; i < 5; i++)
            Assert.Null(await cache.ResolveAsync(guess));

        Assert.Equal(1, lookups[guess]);
    }

    [Fact]
    public async Task A_known_hash_is_looked_up_once_and_answered_from_the_cache()
    {
        var cache = Cache();
        var hash = ApiKeyFormat.Hash(ApiKeyFormat.Generate());
        var owner = new KeyOwner("cred_000000000001", ActorType.ClientKey, "cli_0000000000000001", null);
        index[hash] = owner;

        Assert.Null(cache.Cached(hash));
        Assert.Equal(owner, await cache.ResolveAsync(hash));
        Assert.Equal(owner, await cache.ResolveAsync(hash));
        Assert.Equal(owner, cache.Cached(hash));
        Assert.Equal(1, lookups[hash]);
    }

    [Fact]
    public async Task With_no_unknown_key_capacity_every_unknown_hash_is_looked_up()
    {
        var cache = Cache(new AbuseLimitOptions { UnknownKeyCapacity = 0 });
        var guess = ApiKeyFormat.Hash(ApiKeyFormat.Generate());

        await cache.ResolveAsync(guess);
        await cache.ResolveAsync(guess);

        Assert.Equal(2, lookups[guess]);
    }
}
