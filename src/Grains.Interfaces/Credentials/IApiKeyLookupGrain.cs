namespace Synap.Grains.Interfaces.Credentials;

/// <summary>
/// Read-only key hash → owner lookup for API nodes: answers what <see cref="IApiKeyIndexGrain.Resolve"/> would,
/// without activating an index grain per presented hash. Call it with key <see cref="Key"/>.
/// </summary>
[Alias("synap.api-key-lookup")]
public interface IApiKeyLookupGrain : IGrainWithIntegerKey
{
    /// <summary>The one key every caller uses; the runtime runs a few local copies of it on every silo.</summary>
    public const long Key = 0;

    /// <summary>The owner registered for <paramref name="keyHash"/> (SHA-256 hex of the key), or null when none is.</summary>
    [Alias("resolve")]
    Task<KeyOwner?> Resolve(string keyHash);
}
