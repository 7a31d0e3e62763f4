using Microsoft.Extensions.Logging;
using Orleans.Serialization;
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
/// instances, children of a live parent). One write per command, none on a no-op; a command whose write fails
/// leaves nothing changed (<see cref="StateCommit{TState}"/>), and other grains hear of it only after the write.
/// </summary>
public sealed partial class ClientGrain(
    [PersistentState("client", SynapStorage.Name)] IPersistentState<ClientState> state,
    [PersistentState("client-usage", SynapStorage.Name)] IPersistentState<UsageState> usageState,
    DeepCopier<ClientState> copier,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ClientGrain> logger) : Grain, IClientGrain, IClientMembership
{
    private readonly KeyBuckets buckets = new();
    private readonly UsageLedger usage = new(usageState);
    private readonly InstanceListingOrder listingOrder = new();
    private StateCommit<ClientState>? commit;

    private string ClientId => this.GetPrimaryKeyString();

    private CredentialSet Keys => new(state.State.Keys);

    private AuditTrail Audit => new(GrainFactory, ids, time);

    private StateCommit<ClientState> Commit => commit ??= new(state, copier, GrainContext);

    private IClientRegistryMembership Registry => GrainFactory.GetGrain<IClientRegistryMembership>(IClientRegistryGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An id nobody created (a guess, a typo) gets no timer: hostile traffic must not leave work behind.
        if (state.State.View is not null)
            StartKeeping();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

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
        var touchesStanding = command.Status is not null || command.Tier is not null || command.RateLimitPerMinute is not null || command.Burst is not null;
        var saved = await SaveAsync(updated.Value!, pushStanding: touchesStanding);
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
            : current with { Status = ClientStatus.SoftDeleted, UpdatedAt = time.GetUtcNow() }, pushStanding: true);
        if (saved.Value is { } after)
            await Audit.RecordAsync(actor, ClientAudit.Deleted(current, after));
        return saved;
    }

    public async Task<Outcome<CreatedApiKey>> CreateApiKey(CreateApiKeyCommand command, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        var issued = await Commit.RunAsync(() => KeyIssuing.IssueAsync(Keys, command,
            id => new KeyOwner(id, ActorType.ClientKey, ClientId, null), ids, GrainFactory, time.GetUtcNow()));
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
        var revoked = await Commit.RunAsync(() => Keys.Revoke(credentialId, time.GetUtcNow()));
        if (revoked.Value is { } key)
            await Audit.RecordAsync(actor, ClientAudit.KeyRevoked(ClientId, key));
        return revoked;
    }

    public async Task<Outcome<InstanceDetail>> CreateInstance(CreateInstanceCommand command, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        if (CreatedEarlierBy(command) is { } madeBefore)
            return await GrainFactory.GetGrain<IInstanceGrain>(madeBefore).Get(actor);
        var seed = InstanceCreation.Validate(command, ClientId, state.State.Instances.Values, time.GetUtcNow());
        if (seed.Error is { } invalid)
            return invalid;

        string instanceId;
        do instanceId = ids.NewId(SynapIds.InstancePrefix, 16);
        while (state.State.Instances.ContainsKey(instanceId));

        // The instance writes itself first: if our write then fails, it exists under an id nobody was given, lists
        // nowhere and holds no name.
        var created = await GrainFactory.GetGrain<IInstanceMembership>(instanceId).Initialize(seed.Value!);
        if (created.Error is { } error)
            return error;
        var detail = created.Value!;
        var listed = await ListAsync(InstanceListing.Of(detail), command.RequestId);
        if (listed.IsSuccess)
            await Audit.RecordAsync(actor, InstanceAudit.Created(detail));
        return listed.Error is { } failed ? failed : detail;
    }

    public Task<Outcome<Page<InstanceSummary>>> ListInstances(ListInstancesQuery query, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return Task.FromResult<Outcome<Page<InstanceSummary>>>(denied);
        return Task.FromResult(InstanceCreation.ListOrdered(listingOrder.Of(state.State.Instances), query));
    }

    public async Task<Outcome<Page<AuditEntry>>> GetAuditLog(PageRequest page, Actor actor) =>
        Authorize(actor) is { } denied ? denied : await Audit.ReadAsync(ClientId, page);

    public async Task<Outcome<ClientView>> Initialize(ClientView view)
    {
        if (state.State.View is not null)
            return Failure.Of(ErrorCodes.NameConflict, "Client already exists", ("client_id", ClientId));
        var initialized = await Commit.RunAsync(() =>
        {
            state.State.View = view;
            return new Outcome<ClientView>(view, null);
        });
        StartKeeping();
        return initialized;
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
        // Publishing again what is already listed is a success: an instance retrying after its own write failed converges.
        return listing == previous ? listing : await ListAsync(listing);
    }

    public Task<ClientStanding?> GetStanding() =>
        Task.FromResult(state.State.View is { } view ? ClientStanding.Of(view, state.State.StandingVersion) : null);

    /// <summary>Another tenant's client is indistinguishable from a missing one; an instance key sees its client but may not use it.</summary>
    private Failure? Authorize(Actor actor)
    {
        if (state.State.View is null || !actor.CanSeeClient(ClientId))
            return Failure.ClientNotFound(ClientId);
        return actor.Type is ActorType.Admin or ActorType.ClientKey ? null : Failure.Forbidden("instance keys cannot manage their client");
    }
}
