using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Synap.Grains.Access;
using Synap.Grains.Audit;
using Synap.Grains.Common;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Storage;

namespace Synap.Grains.Architecture;

/// <summary>
/// The memory-architecture versions of one instance. Its head (state <c>config-history</c>) is the truth of every
/// version's status, so each transition is one head write; the YAML of each version is a row written once
/// (<see cref="ConfigVersionStore"/>). The instance's <c>config_status</c> follows the head: the history tells the
/// instance after its own write (<see cref="IInstanceMembership.OnConfigStatusChanged"/>) and retries until it took.
/// </summary>
/// <remarks>
/// Reads (<see cref="GetActive"/>, <see cref="ListVersions"/>) and <see cref="Initialize"/> interleave. Reads use
/// <see cref="committed"/>, replaced only after a head write succeeded, so an interleaved read sees the history before
/// or after a command, never half of it nor a write still in flight; the rows it reads are immutable. Commands (propose, approve, apply, reject) run one at a time, so two
/// API nodes racing two applies meet here, in order.
/// </remarks>
public sealed partial class ConfigHistoryGrain(
    [PersistentState("config-history", SynapStorage.Name)] IPersistentState<ConfigHistoryState> head,
    DeepCopier<ConfigHistoryState> copier,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ConfigHistoryGrain> logger) : Grain, IConfigHistoryGrain, IConfigHistoryMembership
{
    private ConfigVersionStore store = null!;
    private StateCommit<ConfigHistoryState>? commit;

    // The YAML of the active version, read once from its row: GET is the frequent call.
    private (int Version, string Config)? activeConfig;

    // What storage holds, for the interleaved reads; the head's state may run ahead of it while a write is in flight.
    private IReadOnlyList<ConfigVersionSummary> committed = [];

    private string InstanceId => this.GetPrimaryKeyString();

    private List<ConfigVersionSummary> Versions => head.State.Versions;

    private StateCommit<ConfigHistoryState> Commit => commit ??= new(head, copier, GrainContext);

    private AuditTrail Audit => new(GrainFactory, ids, time);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        store = new ConfigVersionStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name), InstanceId);
        standing = await Instance.GetStanding();
        // An id nobody created gets nothing written and no timer.
        if (standing is null)
            return;
        if (!head.RecordExists)
            await MigrateLegacyVersionsAsync();
        Publish();
        if (Versions.Count > 0)
            ScheduleSync(TimeSpan.Zero);
    }

    public async Task<Outcome<ConfigVersion>> GetActive(Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        return await IsInitializedAsync() && await ActiveVersionAsync() is { } active ? active : NotInitialized();
    }

    public async Task<Outcome<Page<ConfigVersion>>> ListVersions(PageRequest page, Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        if (!page.IsValid)
            return Failure.InvalidInput("page_size", "page must be >= 1 and page_size 1-100");
        var versions = await IsInitializedAsync() ? committed : [];
        var slice = Page<ConfigVersionSummary>.Slice([.. versions], page);
        var rows = await Task.WhenAll(slice.Data.Select(v => store.ReadAsync(v.Version)));
        var data = slice.Data.Zip(rows, (summary, row) => summary.WithConfig((row ?? throw MissingRow(summary.Version)).Config)).ToList();
        return new Page<ConfigVersion>(data, slice.PageNumber, slice.PageSize, slice.Total);
    }

    public async Task<Outcome<ConfigVersion>> Propose(ProposeConfigCommand command, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await RefuseChangeAsync(actor) is { } refused)
            return refused;
        if (command.Config is not { } yaml)
            return Failure.InvalidInput("config", "config (YAML text) is required");
        if (ArchitectureConfig.Validate(yaml) is { } invalid)
            return invalid;
        var before = ConfigWorkflow.InstanceStatus(Versions);
        var row = NewRow(Versions.Count + 1, yaml, actor);
        var proposed = new ConfigVersionSummary(row.ConfigId, row.Version, ConfigVersionStatus.PendingApproval, row.CreatedAt, row.CreatedBy,
            ApprovedBy: null, AppliedAt: null);
        // The row first: a head write that fails leaves at most an unreferenced row, replaced by the next proposal.
        await Commit.RunAsync(async () =>
        {
            await store.WriteAsync(row);
            Versions.Add(proposed);
            return new Outcome<ConfigVersionSummary>(proposed, null);
        });
        Publish();
        var after = ConfigWorkflow.InstanceStatus(Versions);
        await Audit.RecordAsync(actor, ConfigAudit.Proposed(InstanceId, proposed, before, after));
        await TellInstanceAsync();
        return proposed.WithConfig(yaml);
    }

    public Task<Outcome<ConfigVersion>> Approve(int version, Actor actor) =>
        TransitionAsync(actor, AuditActions.InstanceConfigApproved, versions => ConfigWorkflow.Approve(versions, version, CreatedBy(actor)));

    public Task<Outcome<ConfigVersion>> Apply(int version, Actor actor) =>
        TransitionAsync(actor, AuditActions.InstanceConfigApplied, versions => ConfigWorkflow.Apply(versions, version, time.GetUtcNow()));

    public Task<Outcome<ConfigVersion>> Reject(int version, Actor actor) =>
        TransitionAsync(actor, AuditActions.InstanceConfigRejected, versions => ConfigWorkflow.Reject(versions, version));

    public async Task<ConfigVersion> Initialize(string config, string createdBy)
    {
        // More than one version means proposals were made on it: the history is live, so init answers what is active.
        if (Versions.Count > 1)
            return await ActiveVersionAsync() ?? throw new InvalidOperationException($"config history of {InstanceId} has no active version");
        var now = time.GetUtcNow();
        var row = new ConfigVersionRow { ConfigId = ids.NewId(SynapIds.ConfigPrefix, 16), Version = 1, Config = config, CreatedAt = now, CreatedBy = createdBy };
        var first = new ConfigVersionSummary(row.ConfigId, 1, ConfigVersionStatus.Active, now, createdBy, ApprovedBy: null, AppliedAt: now);
        await Commit.RunAsync(async () =>
        {
            await store.WriteAsync(row);
            head.State.Versions = [first];
            return new Outcome<ConfigVersionSummary>(first, null);
        });
        Publish();
        activeConfig = (1, config);
        return first.WithConfig(config);
    }

    private async Task<Outcome<ConfigVersion>> TransitionAsync(Actor actor, string action,
        Func<IReadOnlyList<ConfigVersionSummary>, Outcome<IReadOnlyList<ConfigVersionSummary>>> transition)
    {
        if (await RefuseChangeAsync(actor) is { } refused)
        {
            await TellInstanceAsync();
            return refused;
        }
        var before = Versions.ToList();
        var decided = transition(before);
        if (decided.Error is { } illegal)
        {
            // A retry of a command whose instance update failed lands here (e.g. CONFIG_ALREADY_ACTIVE): it still converges.
            await TellInstanceAsync();
            return illegal;
        }
        var changed = decided.Value!;
        await Commit.RunAsync(() =>
        {
            head.State.Versions = ConfigWorkflow.With(before, changed);
            return new Outcome<int>(changed.Count, null);
        });
        Publish();
        await Audit.RecordAsync(actor, ConfigAudit.Transitioned(action, InstanceId, before, changed,
            ConfigWorkflow.InstanceStatus(before), ConfigWorkflow.InstanceStatus(Versions)));
        await TellInstanceAsync();
        var target = changed[0];
        var row = await store.ReadAsync(target.Version) ?? throw MissingRow(target.Version);
        if (target.Status == ConfigVersionStatus.Active)
            activeConfig = (target.Version, row.Config);
        return target.WithConfig(row.Config);
    }

    private async Task<ConfigVersion?> ActiveVersionAsync()
    {
        if (committed.LastOrDefault(v => v.Status == ConfigVersionStatus.Active) is not { } active)
            return null;
        if (activeConfig is not { } cached || cached.Version != active.Version)
        {
            var row = await store.ReadAsync(active.Version) ?? throw MissingRow(active.Version);
            cached = (active.Version, row.Config);
            activeConfig = cached;
        }
        return active.WithConfig(cached.Config);
    }

    /// <summary>Access, then what a change needs: an instance that is not archived and an initialized history.</summary>
    private async Task<Failure?> RefuseChangeAsync(Actor actor)
    {
        if (Authorize(actor) is { } denied)
            return denied;
        if (standing!.Status == InstanceStatus.Archived)
            return Failure.Of(ErrorCodes.InstanceNotActive, "The instance is archived", ("status", FieldRules.ToSnakeCase(standing.Status)));
        return await IsInitializedAsync() ? null : NotInitialized();
    }

    /// <summary>
    /// Versions exist and the instance confirmed its init: a version 1 stored by an init whose instance write then failed
    /// is not yet the instance's (it is still <c>provisioning</c>), and the retried init replaces it.
    /// </summary>
    private async Task<bool> IsInitializedAsync()
    {
        if (committed.Count == 0)
            return false;
        if (standing?.Status == InstanceStatus.Provisioning)
            standing = await Instance.GetStanding();
        return standing is { Status: not InstanceStatus.Provisioning };
    }

    private void Publish() => committed = [.. Versions];

    private ConfigVersionRow NewRow(int version, string yaml, Actor actor) => new()
    {
        ConfigId = ids.NewId(SynapIds.ConfigPrefix, 16),
        Version = version,
        Config = yaml,
        CreatedAt = time.GetUtcNow(),
        CreatedBy = CreatedBy(actor),
    };

    private Failure NotInitialized() =>
        Failure.Of(ErrorCodes.NotFound, "The memory architecture is not initialized", ("instance_id", InstanceId));

    private InvalidOperationException MissingRow(int version) =>
        new($"config history of {InstanceId}: the row of version {version} is missing");

    /// <summary>Who created or approved a version: the key's credential id, or <c>admin</c> for the admin key (and trusted callers).</summary>
    public static string CreatedBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CredentialId ?? "admin";
    }
}
