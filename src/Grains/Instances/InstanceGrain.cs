using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Synap.Grains.Access;
using Synap.Grains.Architecture;
using Synap.Grains.Audit;
using Synap.Grains.Clients;
using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Storage;
using Synap.Grains.Usage;

namespace Synap.Grains.Instances;

/// <summary>
/// One memory agent: owns its lifecycle, its keys and its memory architecture. Name and status changes are
/// published to the client first, which keeps names unique and refuses archiving a parent of live children; if the
/// instance's own write then fails, the client gets the old listing back. A command whose write fails leaves nothing
/// changed (<see cref="StateCommit{TState}"/>).
/// </summary>
public sealed partial class InstanceGrain(
    [PersistentState("instance", SynapStorage.Name)] IPersistentState<InstanceState> state,
    [PersistentState("instance-usage", SynapStorage.Name)] IPersistentState<UsageState> usageState,
    DeepCopier<InstanceState> copier,
    IOptions<ClientStandingOptions> standingOptions,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<InstanceGrain> logger) : Grain, IInstanceGrain, IInstanceMembership
{
    // The client's status and tier are the client's to keep: held here in memory for the cascade (effective
    // status, CLIENT_INACTIVE) and the instance keys' rate limit, pushed by the client on change and read from
    // it on activation.
    private ClientStanding clientStanding = DefaultStanding;
    private StateCommit<InstanceState>? commit;

    private string InstanceId => this.GetPrimaryKeyString();

    private CredentialSet Keys => new(state.State.Keys);

    private AuditTrail Audit => new(GrainFactory, ids, time);

    private StateCommit<InstanceState> Commit => commit ??= new(state, copier, GrainContext);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An id nobody created (a guess, a typo) gets no timer: hostile traffic must not leave work behind.
        if (state.State.Detail is { } detail)
        {
            AcceptStanding(await GrainFactory.GetGrain<IClientMembership>(detail.ClientId).GetStanding() ?? DefaultStanding);
            BaselineStanding();
            StartKeeping();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushUsageAsync(cancellationToken);

    public async Task<Outcome<InstanceDetail>> Get(Actor actor)
    {
        if (Authorize(actor, manage: false) is { } denied)
            return denied;
        await KnowMemoriesCountAsync();
        return View();
    }

    public async Task<Outcome<InstanceDetail>> Update(UpdateInstanceCommand command, Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var before = state.State.Detail!;
        var updated = InstanceUpdate.Apply(state.State.Detail!, command, actor, time.GetUtcNow());
        if (updated.Error is { } invalid)
            return invalid;
        var saved = await SaveAsync(updated.Value!);
        if (saved.IsSuccess)
            await Audit.RecordAsync(actor, InstanceAudit.Updated(before, state.State.Detail!));
        return saved;
    }

    public async Task<Outcome<InstanceDetail>> Archive(Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var current = state.State.Detail!;
        if (current.Status == InstanceStatus.Archived)
            return View();
        if (InstanceLifecycle.Check(current.Status, InstanceStatus.Archived, InstanceLifecycle.Route.Archive, actor.IsAdmin) is { } illegal)
            return illegal;
        var now = time.GetUtcNow();
        var revoking = state.State.Keys.Where(k => k.RevokedAt is null).Select(k => (k.CredentialId, k.Label)).ToList();
        var saved = await SaveAsync(current with { Status = InstanceStatus.Archived, UpdatedAt = now }, forceWrite: true, beforeWrite: () =>
        {
            Keys.RevokeAll(now);
            if (state.State.Bootstrap is { } bootstrap && bootstrap.IsActiveAt(now))
                bootstrap.RevokedAt = now;
        });
        if (saved.IsSuccess)
        {
            await Audit.RecordAsync(actor, InstanceAudit.Archived(current, state.State.Detail!, revoking));
            await TellListenerOfRevokedKeysAsync(revoking.Select(k => k.CredentialId).ToList());
        }
        return saved;
    }

    public async Task<Outcome<CreatedApiKey>> CreateApiKey(CreateApiKeyCommand command, Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        if (state.State.Detail!.Status == InstanceStatus.Archived)
            return NotActive();
        var detail = state.State.Detail!;
        var issued = await Commit.RunAsync(() => KeyIssuing.IssueAsync(Keys, command,
            id => new KeyOwner(id, ActorType.InstanceKey, detail.ClientId, InstanceId), ids, GrainFactory, time.GetUtcNow()));
        if (issued.Value is { } key)
            await Audit.RecordAsync(actor, InstanceAudit.KeyCreated(InstanceId, key));
        return issued;
    }

    public Task<Outcome<IReadOnlyList<ApiKeyView>>> ListApiKeys(Actor actor) =>
        Task.FromResult(Authorize(actor, manage: true) is { } denied
            ? denied
            : new Outcome<IReadOnlyList<ApiKeyView>>(Keys.ListActive(time.GetUtcNow()), null));

    public async Task<Outcome<ApiKeyView>> RevokeApiKey(string credentialId, Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var revoked = await Commit.RunAsync(() => Keys.Revoke(credentialId, time.GetUtcNow()));
        if (revoked.Value is { } key)
        {
            await Audit.RecordAsync(actor, InstanceAudit.KeyRevoked(InstanceId, key));
            await TellListenerOfRevokedKeysAsync([credentialId]);
        }
        return revoked;
    }

    /// <summary>After the revocation is stored: a listen stream opened with one of these keys ends (one-way, never waits for the listener).</summary>
    private Task TellListenerOfRevokedKeysAsync(IReadOnlyList<string> credentialIds) =>
        credentialIds.Count == 0 ? Task.CompletedTask : GrainFactory.GetGrain<Listening.IListenerControl>(InstanceId).KeysRevoked(credentialIds);

    /// <summary>
    /// Version 1 goes to the config history first, then the instance writes itself (active, <c>config_status: active</c>).
    /// Until that write succeeded the instance's <c>config_status</c> is still <c>pending</c>, so a retry after a failed
    /// write calls the history again, which replaces the version 1 nobody was told of: the retry converges.
    /// </summary>
    public async Task<Outcome<ConfigVersion>> InitArchitecture(InitArchitectureCommand command, Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        var current = state.State.Detail!;
        if (current.ConfigStatus != ConfigStatus.Pending || state.State.ConfigVersions.Count > 0)
            return Failure.Of(ErrorCodes.AlreadyInitialized, "The memory architecture is already initialized", ("instance_id", InstanceId));
        if (InstanceLifecycle.Check(current.Status, InstanceStatus.Active, InstanceLifecycle.Route.Init, actor.IsAdmin) is { } illegal)
            return illegal;
        var yaml = ArchitectureConfig.Resolve(command);
        if (yaml.Error is { } invalid)
            return invalid;

        var version = await ConfigHistoryMembership.Initialize(yaml.Value!, CreatedBy(actor));
        var saved = await SaveAsync(current with { Status = InstanceStatus.Active, ConfigStatus = ConfigStatus.Active, UpdatedAt = version.CreatedAt });
        if (saved.IsSuccess)
            await Audit.RecordAsync(actor, InstanceAudit.ArchitectureInitialized(current, state.State.Detail!, version));
        return saved.Error is { } error ? error : version;
    }

    public async Task<Outcome<ConfigVersion>> GetArchitecture(Actor actor) =>
        Authorize(actor, manage: true) is { } denied ? denied : await ConfigHistoryReads.GetActive(actor);

    public async Task<Outcome<Page<AuditEntry>>> GetAuditLog(PageRequest page, Actor actor) =>
        Authorize(actor, manage: true) is { } denied ? denied : await Audit.ReadAsync(InstanceId, page);

    public async Task<Outcome<InstanceDetail>> Initialize(InstanceSeed seed)
    {
        if (state.State.Detail is not null)
            return Failure.Of(ErrorCodes.NameConflict, "Instance already exists", ("instance_id", InstanceId));
        var detail = new InstanceDetail(InstanceId, seed.Name, InstanceStatus.Provisioning, seed.AgentType, ConfigStatus.Pending,
            seed.CreatedAt, LastActiveAt: null, seed.ClientId, seed.Description, seed.Metadata, seed.ParentInstanceId,
            InstanceStatus.Provisioning, ApiCalls24h: 0, MemoriesCount: 0, seed.CreatedAt);
        AcceptStanding(await GrainFactory.GetGrain<IClientMembership>(seed.ClientId).GetStanding() ?? DefaultStanding);
        await Commit.RunAsync(() =>
        {
            state.State.Detail = detail;
            return new Outcome<InstanceDetail>(detail, null);
        });
        BaselineStanding();
        StartKeeping();
        return View();
    }

    public Task OnClientStandingChanged(ClientStanding standing)
    {
        AcceptStanding(standing);
        return PublishStandingAsync();
    }

    private Failure? Authorize(Actor actor, bool manage) =>
        InstanceAccess.Check(actor, InstanceId, Standing(), manage ? InstanceOperation.Manage : InstanceOperation.Read);

    private InstanceDetail View()
    {
        var detail = WithUsage(state.State.Detail!);
        var effective = detail.Status != InstanceStatus.Archived && clientStanding.Status != ClientStatus.Active ? InstanceStatus.Suspended : detail.Status;
        return detail with
        {
            EffectiveStatus = effective,
            ApiCalls24h = usage.Usage.ApiCalls.Last24Hours(time.GetUtcNow()),
            MemoriesCount = memoriesCount ?? detail.MemoriesCount,
        };
    }

    /// <summary>
    /// Reserves the new listing in the client, then writes. The client's answer may refuse (a taken name, live
    /// children); if the write fails after the client accepted, the client gets the previous listing back, so the name
    /// is not left reserved, and a retry publishes again and converges.
    /// </summary>
    private async Task<Outcome<InstanceDetail>> SaveAsync(InstanceDetail updated, bool forceWrite = false, Action? beforeWrite = null)
    {
        await KnowMemoriesCountAsync();
        var current = state.State.Detail!;
        if (updated == current && !forceWrite)
            return View();
        var previous = InstanceListing.Of(WithUsage(current));
        var listing = InstanceListing.Of(WithUsage(updated));
        var client = GrainFactory.GetGrain<IClientMembership>(current.ClientId);
        try
        {
            if (listing != previous && (await client.PublishInstance(listing)).Error is { } refused)
                return refused;
            await Commit.RunAsync(() =>
            {
                beforeWrite?.Invoke();
                state.State.Detail = updated;
                return new Outcome<InstanceDetail>(updated, null);
            });
        }
        catch when (listing != previous)
        {
            await GiveBackListingAsync(client, previous);
            throw;
        }
        await PublishStandingAsync();
        return View();
    }

    private async Task GiveBackListingAsync(IClientMembership client, InstanceListing previous)
    {
        try
        {
            if ((await client.PublishInstance(previous)).Error is { } refused)
                LogListingNotGivenBack(null, InstanceId, refused.Code);
        }
        catch (Exception e)
        {
            LogListingNotGivenBack(e, InstanceId, "exception");
        }
    }

    /// <summary>The detail with its usage, which is kept in its own state.</summary>
    private InstanceDetail WithUsage(InstanceDetail detail) => detail with { LastActiveAt = usage.Usage.LastActiveAt ?? detail.LastActiveAt };

    private Failure NotActive() =>
        Failure.Of(ErrorCodes.InstanceNotActive, "The instance is not active", ("status", FieldRules.ToSnakeCase(state.State.Detail!.Status)));

    private static string CreatedBy(Actor actor) => ConfigHistoryGrain.CreatedBy(actor);
}
