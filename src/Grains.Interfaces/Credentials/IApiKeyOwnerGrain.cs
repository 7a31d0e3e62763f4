using Orleans.Concurrency;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Credentials;

/// <summary>A grain that owns a set of API keys (a client or an instance): the single writer of their revocation.</summary>
[Alias("synap.api-key-owner")]
public interface IApiKeyOwnerGrain : IGrainWithStringKey
{
    [Alias("create-api-key")]
    Task<Outcome<CreatedApiKey>> CreateApiKey(CreateApiKeyCommand command, Actor actor);

    [ReadOnly, Alias("list-api-keys")]
    Task<Outcome<IReadOnlyList<ApiKeyView>>> ListApiKeys(Actor actor);

    [Alias("revoke-api-key")]
    Task<Outcome<ApiKeyView>> RevokeApiKey(string credentialId, Actor actor);

    /// <summary>
    /// Checks a presented key (by its SHA-256), takes a token from its bucket and records the use. A
    /// rate-limited request succeeds here with <c>RateLimit.Allowed == false</c> and takes no token.
    /// </summary>
    // Not interleaved, although it never awaits: it records usage in the grain's state, and Orleans' ADO.NET
    // storage serializes that state on a pool thread while a command awaits its write.
    [Alias("authorize-key")]
    Task<Outcome<KeyAuthorization>> AuthorizeKey(string credentialId, string keyHash);
}
