using Orleans.Concurrency;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>One deployed memory agent (key: <c>inst_…</c>): its lifecycle, its instance API keys and its memory architecture.</summary>
[Alias("synap.instance")]
public interface IInstanceGrain : IApiKeyOwnerGrain
{
    [ReadOnly, Alias("get")]
    Task<Outcome<InstanceDetail>> Get(Actor actor);

    /// <summary>
    /// <see cref="IApiKeyOwnerGrain.AuthorizeKey"/> then, if the bucket admitted the request, <see cref="Get"/> as
    /// that key: the hot path of an instance key reading its own instance, in one grain call instead of two.
    /// </summary>
    [Alias("authorize-and-get")]
    Task<Outcome<InstanceSelfRead>> AuthorizeAndGet(string credentialId, string keyHash);

    [Alias("update")]
    Task<Outcome<InstanceDetail>> Update(UpdateInstanceCommand command, Actor actor);

    /// <summary>Archives the instance: final, revokes its keys and frees its name.</summary>
    [Alias("archive")]
    Task<Outcome<InstanceDetail>> Archive(Actor actor);

    /// <summary>Clears the instance's memories, recorded events and counters; keeps config, keys and metadata (API.md §5).</summary>
    [Alias("reset")]
    Task<Outcome<InstanceDetail>> Reset(Actor actor);

    /// <summary>The instance's audit log, newest first (API.md §9): the admin or a key of its client, not its own instance key.</summary>
    [Alias("get-audit-log")]
    Task<Outcome<Page<AuditEntry>>> GetAuditLog(PageRequest page, Actor actor);

    [Alias("init-architecture")]
    Task<Outcome<ConfigVersion>> InitArchitecture(InitArchitectureCommand command, Actor actor);

    [Alias("get-architecture")]
    Task<Outcome<ConfigVersion>> GetArchitecture(Actor actor);

    /// <summary>Issues the instance's bootstrap key, replacing any previous one.</summary>
    [Alias("create-bootstrap-key")]
    Task<Outcome<CreatedBootstrapKey>> CreateBootstrapKey(Actor actor);

    [Alias("revoke-bootstrap-key")]
    Task<Outcome<string>> RevokeBootstrapKey(Actor actor);

    /// <summary>Consumes a valid bootstrap key (by its SHA-256) and issues a new instance key in exchange.</summary>
    [Alias("exchange-bootstrap-key")]
    Task<Outcome<ExchangedApiKey>> ExchangeBootstrapKey(string keyHash, string? label);
}
