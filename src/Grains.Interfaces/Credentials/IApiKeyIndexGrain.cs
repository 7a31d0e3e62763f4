using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Interfaces.Credentials;

/// <summary>Key → owner lookup, one activation per key hash (key: SHA-256 hex of the key), so no scan is ever needed.</summary>
[Alias("synap.api-key-index")]
public interface IApiKeyIndexGrain : IGrainWithStringKey
{
    [Alias("register")]
    Task<Outcome<KeyOwner>> Register(KeyOwner owner);

    [Alias("resolve")]
    Task<KeyOwner?> Resolve();
}
