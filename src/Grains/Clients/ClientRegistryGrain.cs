using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Synap.Grains.Audit;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Registry;
using Synap.Grains.Storage;

namespace Synap.Grains.Clients;

/// <summary>
/// The directory of all clients, holding nothing per client itself: a name is unique through its
/// <see cref="IClientNameGrain"/> (one activation per name serialises racing creates and renames), the listing is
/// the paged <see cref="IClientIndexGrain"/>, and a page's clients come from their own grains. It is reentrant:
/// its only state is the former all-clients dictionary, read once and migrated on activation, and a client grain
/// calling <see cref="PublishClient"/> while this grain waits on that client must not wait on itself.
/// </summary>
[Reentrant]
public sealed class ClientRegistryGrain(
    [PersistentState("client-registry", SynapStorage.Name)] IPersistentState<ClientRegistryState> state,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<ClientRegistryGrain> logger) : Grain, IClientRegistryGrain, IClientRegistryMembership
{
    private const int MigrationParallelism = 32;

    private IClientIndexGrain Index => GrainFactory.GetGrain<IClientIndexGrain>(this.GetPrimaryKeyString());

    private ClientNameReservations Names => new(GrainFactory, Index, time, logger);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Clients.Count > 0)
            await MigrateAsync();
    }

    public async Task<Outcome<ClientView>> CreateClient(CreateClientCommand command, Actor actor)
    {
        if (!actor.IsAdmin)
            return Failure.Forbidden("only the admin key creates clients");
        var draft = Validate(command);
        if (draft.Error is { } invalid)
            return invalid;
        var view = draft.Value! with { ClientId = ids.NewId(SynapIds.ClientPrefix, 16) };
        var nameKey = ClientNames.Key(view.Name);
        if (!await Names.ReserveAsync(nameKey, view.ClientId))
            return Failure.NameConflict(view.Name);

        Outcome<ClientView> created;
        try
        {
            created = await GrainFactory.GetGrain<IClientMembership>(view.ClientId).Initialize(view);
        }
        catch
        {
            await Names.ReleaseUnlessCreatedAsync(nameKey, view.ClientId);
            throw;
        }
        if (created.Error is { } error)
            return error;
        // A failure here leaves the client created but unlisted; the next publish of the client, or the next
        // create asking for its name, lists it (ClientNameReservations.ReserveAsync).
        await Index.Upsert(ClientIndexEntry.Of(created.Value!));
        await new AuditTrail(GrainFactory, ids, time).RecordAsync(actor, ClientAudit.Created(created.Value!));
        return created.Value!;
    }

    public async Task<Outcome<Page<ClientView>>> ListClients(string? status, PageRequest page, Actor actor)
    {
        if (!actor.IsAdmin)
            return Failure.Forbidden("only the admin key lists all clients");
        if (!page.IsValid)
            return Failure.InvalidInput("page_size", "page must be >= 1 and page_size 1-100");
        ClientStatus? filter = null;
        if (status is not null)
        {
            if (!FieldRules.TryParseEnum<ClientStatus>(status, out var parsed))
                return Failure.InvalidInput("status", "must be active, inactive or soft_deleted");
            filter = parsed;
        }
        var entries = await Index.ReadPage(filter, page);
        // The list items are whole Client objects (API.md §4, context included), which only the clients hold.
        var views = await Task.WhenAll(entries.Entries.Select(e => GrainFactory.GetGrain<IClientGrain>(e.ClientId).Get(Actor.Admin)));
        var data = views.Where(v => v.Value is not null).Select(v => v.Value!).ToList();
        return new Page<ClientView>(data, page.Page, page.PageSize, entries.Total);
    }

    public async Task<Outcome<ClientView>> PublishClient(ClientView view)
    {
        var nameKey = ClientNames.Key(view.Name);
        if (view.Status != ClientStatus.SoftDeleted && !await Names.ReserveAsync(nameKey, view.ClientId))
            return Failure.NameConflict(view.Name);
        var previous = await Index.Upsert(ClientIndexEntry.Of(view));
        // Releases wait for the client's own write, which comes after this answer: they run in the background.
        if (previous is not null && previous.NameKey != nameKey)
            _ = Names.ReleaseAfterClientWriteAsync(previous.NameKey, view.ClientId);
        if (view.Status == ClientStatus.SoftDeleted && previous?.Status != ClientStatus.SoftDeleted)
            _ = Names.ReleaseAfterClientWriteAsync(nameKey, view.ClientId);
        return view;
    }

    /// <summary>
    /// One-time move of the former state (every client's full view in one row) to name grains and index segments,
    /// then the row is emptied. Idempotent if interrupted: reservations by the same client and the index import are.
    /// </summary>
    private async Task MigrateAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var views = state.State.Clients.Values.ToList();
        RegistryLog.MigrationStarted(logger, views.Count);
        foreach (var batch in views.Where(v => v.Status != ClientStatus.SoftDeleted).Chunk(MigrationParallelism))
        {
            var reservations = await Task.WhenAll(batch.Select(v =>
                GrainFactory.GetGrain<IClientNameGrain>(ClientNames.Key(v.Name)).Reserve(v.ClientId)));
            for (var i = 0; i < batch.Length; i++)
                if (!reservations[i].Reserved)
                    RegistryLog.MigrationNameConflict(logger, batch[i].ClientId);
        }
        await Index.Import(views.Select(ClientIndexEntry.Of).ToList());
        state.State.Clients = [];
        await state.WriteStateAsync();
        RegistryLog.MigrationDone(logger, views.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private Outcome<ClientView> Validate(CreateClientCommand command)
    {
        if (FieldRules.Name(command.Name, out var name) is { } badName)
            return badName;
        if ((FieldRules.Website(command.Website) ?? FieldRules.Description(command.Description)
            ?? FieldRules.Context(command.Context)) is { } badField)
            return badField;
        var tier = ClientTier.Free;
        if (command.Tier is not null && !FieldRules.TryParseEnum(command.Tier, out tier))
            return Failure.InvalidInput("tier", "must be free, pro or enterprise");
        var limits = TierLimits.Resolve(tier, command.RateLimitPerMinute, command.Burst, current: null);
        if (limits.Error is { } badLimits)
            return badLimits;
        var now = time.GetUtcNow();
        var (perMinute, burst) = limits.Value;
        return new ClientView("", name, command.Website, command.Description, command.Context ?? JsonText.EmptyObject,
            ClientStatus.Active, tier, perMinute, burst, InstancesCount: 0, now, now);
    }
}
