using Orleans.Concurrency;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Clients;

/// <summary>One client (key: <c>cli_…</c>): its lifecycle, its client API keys and the registry of its instances.</summary>
[Alias("synap.client")]
public interface IClientGrain : IApiKeyOwnerGrain
{
    [ReadOnly, Alias("get")]
    Task<Outcome<ClientView>> Get(Actor actor);

    [Alias("update")]
    Task<Outcome<ClientView>> Update(UpdateClientCommand command, Actor actor);

    [Alias("soft-delete")]
    Task<Outcome<ClientView>> SoftDelete(Actor actor);

    /// <summary>The client's audit log, newest first (API.md §9): the admin or a key of this client.</summary>
    [Alias("get-audit-log")]
    Task<Outcome<Page<AuditEntry>>> GetAuditLog(PageRequest page, Actor actor);

    [Alias("create-instance")]
    Task<Outcome<InstanceDetail>> CreateInstance(CreateInstanceCommand command, Actor actor);

    [Alias("list-instances")]
    Task<Outcome<Page<InstanceSummary>>> ListInstances(ListInstancesQuery query, Actor actor);
}
