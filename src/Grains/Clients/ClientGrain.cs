using Synap.Grains.Audit;
using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.RateLimiting;
using Synap.Grains.Storage;
using Synap.Grains.Usage;

namespace Synap.Grains.Clients;

/// <summary>
/// A client: its lifecycle, its keys, and the registry of its instances (names unique among non-archived
/// instances, children of a live parent). One write per command, none on a no-op.
/// </summary>
public sealed class ClientGrain(
    [PersistentState("client", SynapStorage.Name)] IPersistentState<ClientState> state,
    IIdGenerator ids,
    TimeProvider time) : Grain, IClientGrain, IClientMembership
{
    private readonly KeyBuckets buckets = new();
    private bool usageDirty;

    private string ClientId => this.GetPrimaryKeyString();

    private CredentialSet Keys => new(state.State.Keys);

    private AuditTrail Audit => new(GrainFactory, ids, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushUsageAsync, UsageFlush.Period, UsageFlush.Period);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushUsageAsync(cancellationToken);

    public Task<Outcome<ClientView>> Get(Actor actor) =>
        Task.FromResult(Authorize(actor) is { } denied ? denied : new Outcome<ClientView>(state.State.View!, null));

    public async Task<Outcome<ClientView>> Update(UpdateClientCommand command, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        var current = state.State.View!;
        var updated = ClientUpdate.Apply(current, command, actor, time.GetUtcNow());
        if (updated.Error is { } invalid)
            return invalid;
        var saved = await SaveAsync(updated.Value!);
        if (saved.Value is { } after)
            await Audit.RecordAsync(actor, ClientAudit.Updated(current, after));
        return saved;
    }

    public async Task<Outcome<ClientView>> SoftDelete(Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        if (!actor.IsAdmin)
            return Failure.AdminRequired("status");
        var current = state.State.View!;
        if (ClientLifecycle.Check(current.Status, ClientStatus.SoftDeleted) is { } illegal)
            return illegal;
        var saved = await SaveAsync(current.Status == ClientStatus.SoftDeleted
            ? current
            : current with { Status = ClientStatus.SoftDeleted, UpdatedAt = time.GetUtcNow() });
        if (saved.Value is { } after)
            await Audit.RecordAsync(actor, ClientAudit.Deleted(current, after));
        return saved;
    }

    public async Task<Outcome<CreatedApiKey>> CreateApiKey(CreateApiKeyCommand command, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        var issued = await KeyIssuing.IssueAsync(Keys, command, id => new KeyOwner(id, ActorType.ClientKey, ClientId, null),
            ids, GrainFactory, time.GetUtcNow());
        if (issued.IsSuccess)
            await WriteStateAsync();
        if (issued.Value is { } key)
            await Audit.RecordAsync(actor, ClientAudit.KeyCreated(ClientId, key));
        return issued;
    }

    public Task<Outcome<IReadOnlyList<ApiKeyView>>> ListApiKeys(Actor actor) =>
        Task.FromResult(Authorize(actor) is { } denied
            ? denied
            : new Outcome<IReadOnlyList<ApiKeyView>>(Keys.ListActive(time.GetUtcNow()), null));

    public async Task<Outcome<ApiKeyView>> RevokeApiKey(string credentialId, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        var revoked = Keys.Revoke(credentialId, time.GetUtcNow());
        if (revoked.IsSuccess)
            await WriteStateAsync();
        if (revoked.Value is { } key)
            await Audit.RecordAsync(actor, ClientAudit.KeyRevoked(ClientId, key));
        return revoked;
    }

    public async Task<Outcome<InstanceDetail>> CreateInstance(CreateInstanceCommand command, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        var seed = InstanceCreation.Validate(command, ClientId, state.State.Instances.Values, time.GetUtcNow());
        if (seed.Error is { } invalid)
            return invalid;

        string instanceId;
        do instanceId = ids.NewId(SynapIds.InstancePrefix, 16);
        while (state.State.Instances.ContainsKey(instanceId));

        var created = await GrainFactory.GetGrain<IInstanceMembership>(instanceId).Initialize(seed.Value!);
        if (created.Error is { } error)
            return error;
        var detail = created.Value!;
        state.State.Instances[instanceId] = InstanceListing.Of(detail);
        await SaveInstancesCountAsync();
        await Audit.RecordAsync(actor, InstanceAudit.Created(detail));
        return detail;
    }

    public Task<Outcome<Page<InstanceSummary>>> ListInstances(ListInstancesQuery query, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return Task.FromResult<Outcome<Page<InstanceSummary>>>(denied);
        return Task.FromResult(InstanceCreation.List(state.State.Instances.Values, query));
    }

    public async Task<Outcome<Page<AuditEntry>>> GetAuditLog(PageRequest page, Actor actor) =>
        Authorize(actor) is { } denied ? denied : await Audit.ReadAsync(ClientId, page);

    public Task<Outcome<KeyAuthorization>> AuthorizeKey(string credentialId, string keyHash)
    {
        if (state.State.View is not { } view)
            return Task.FromResult<Outcome<KeyAuthorization>>(Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key"));
        var standing = ClientStanding.Of(view);
        var admitted = KeyAdmission.Admit(Keys, buckets, credentialId, keyHash, standing, time.GetUtcNow());
        if (admitted.Error is { } refused)
            return Task.FromResult<Outcome<KeyAuthorization>>(refused);
        var (record, decision) = admitted.Value!;
        usageDirty |= decision.Allowed;
        return Task.FromResult<Outcome<KeyAuthorization>>(new KeyAuthorization(
            Actor.ForClientKey(credentialId, ClientId), decision, record.Label, standing.Tier, record.CreatedAt, record.LastUsedAt));
    }

    public async Task<Outcome<ClientView>> Initialize(ClientView view)
    {
        if (state.State.View is not null)
            return Failure.Of(ErrorCodes.NameConflict, "Client already exists", ("client_id", ClientId));
        state.State.View = view;
        await WriteStateAsync();
        return view;
    }

    public async Task<Outcome<InstanceListing>> PublishInstance(InstanceListing listing)
    {
        var instances = state.State.Instances;
        if (!instances.TryGetValue(listing.Summary.Id, out var previous))
            return Failure.InstanceNotFound(listing.Summary.Id);
        if (listing.IsArchived && !previous.IsArchived
            && instances.Values.FirstOrDefault(i => i.ParentInstanceId == listing.Summary.Id && !i.IsArchived) is { } child)
            return Failure.Of(ErrorCodes.HasChildren, "The instance has children that are not archived",
                ("instance_id", listing.Summary.Id), ("child_instance_id", child.Summary.Id));
        if (!listing.IsArchived && InstanceCreation.NameTaken(instances.Values, listing.Summary.Name, listing.Summary.Id))
            return Failure.NameConflict(listing.Summary.Name);
        if (listing == previous)
            return listing;
        instances[listing.Summary.Id] = listing;
        await SaveInstancesCountAsync();
        return listing;
    }

    public Task<ClientStanding?> GetStanding() =>
        Task.FromResult(state.State.View is { } view ? ClientStanding.Of(view) : null);

    /// <summary>Another tenant's client is indistinguishable from a missing one; an instance key sees its client but may not use it.</summary>
    private Failure? Authorize(Actor actor)
    {
        if (state.State.View is null || !actor.CanSeeClient(ClientId))
            return Failure.ClientNotFound(ClientId);
        return actor.Type is ActorType.Admin or ActorType.ClientKey ? null : Failure.Forbidden("instance keys cannot manage their client");
    }

    private async Task<Outcome<ClientView>> SaveAsync(ClientView updated)
    {
        var current = state.State.View!;
        if (updated == current)
            return current;
        var published = await GrainFactory.GetGrain<IClientRegistryMembership>(IClientRegistryGrain.Key).PublishClient(updated);
        if (published.Error is { } conflict)
            return conflict;
        state.State.View = updated;
        await WriteStateAsync();
        var standing = ClientStanding.Of(updated);
        if (standing != ClientStanding.Of(current))
            await Task.WhenAll(state.State.Instances.Keys.Select(id =>
                GrainFactory.GetGrain<IInstanceMembership>(id).OnClientStandingChanged(standing)));
        return updated;
    }

    private async Task SaveInstancesCountAsync()
    {
        var count = state.State.Instances.Values.Count(i => !i.IsArchived);
        var view = state.State.View!;
        if (count != view.InstancesCount)
        {
            view = view with { InstancesCount = count };
            await GrainFactory.GetGrain<IClientRegistryMembership>(IClientRegistryGrain.Key).PublishClient(view);
            state.State.View = view;
        }
        await WriteStateAsync();
    }

    private async Task FlushUsageAsync(CancellationToken cancellationToken)
    {
        if (usageDirty && state.State.View is not null)
            await WriteStateAsync();
    }

    /// <summary>Every write also persists the usage recorded since the last one.</summary>
    private Task WriteStateAsync()
    {
        usageDirty = false;
        return state.WriteStateAsync();
    }
}
