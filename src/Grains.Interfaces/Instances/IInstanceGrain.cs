using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>One deployed memory agent (key: <c>inst_…</c>): its lifecycle, its instance API keys and its memory architecture.</summary>
[Alias("synap.instance")]
public interface IInstanceGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<Outcome<InstanceDetail>> Get(Actor actor);

    [Alias("update")]
    Task<Outcome<InstanceDetail>> Update(UpdateInstanceCommand command, Actor actor);

    /// <summary>Archives the instance: final, revokes its keys and frees its name.</summary>
    [Alias("archive")]
    Task<Outcome<InstanceDetail>> Archive(Actor actor);

    [Alias("create-api-key")]
    Task<Outcome<CreatedApiKey>> CreateApiKey(CreateApiKeyCommand command, Actor actor);

    [Alias("list-api-keys")]
    Task<Outcome<IReadOnlyList<ApiKeyView>>> ListApiKeys(Actor actor);

    [Alias("revoke-api-key")]
    Task<Outcome<ApiKeyView>> RevokeApiKey(string credentialId, Actor actor);

    [Alias("init-architecture")]
    Task<Outcome<ConfigVersion>> InitArchitecture(InitArchitectureCommand command, Actor actor);

    [Alias("get-architecture")]
    Task<Outcome<ConfigVersion>> GetArchitecture(Actor actor);

    /// <summary>Checks a presented instance key (by its SHA-256) and returns the caller it stands for.</summary>
    [Alias("authenticate-key")]
    Task<Outcome<Actor>> AuthenticateKey(string credentialId, string keyHash);
}
