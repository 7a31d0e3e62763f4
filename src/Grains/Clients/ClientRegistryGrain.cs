using Synap.Grains.Audit;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Storage;

namespace Synap.Grains.Clients;

/// <summary>
/// The one place that sees every client: a single activation serialises creates and renames, so of two
/// racing creates of one name exactly one wins, on any silo.
/// </summary>
public sealed class ClientRegistryGrain(
    [PersistentState("client-registry", SynapStorage.Name)] IPersistentState<ClientRegistryState> state,
    IIdGenerator ids,
    TimeProvider time) : Grain, IClientRegistryGrain, IClientRegistryMembership
{
    public async Task<Outcome<ClientView>> CreateClient(CreateClientCommand command, Actor actor)
    {
        if (!actor.IsAdmin)
            return Failure.Forbidden("only the admin key creates clients");
        var draft = Validate(command);
        if (draft.Error is { } invalid)
            return invalid;
        var view = draft.Value!;
        if (ClientNames.IsTaken(state.State.Clients.Values, view.Name, exceptClientId: ""))
            return Failure.NameConflict(view.Name);

        string clientId;
        do clientId = ids.NewId(SynapIds.ClientPrefix, 16);
        while (state.State.Clients.ContainsKey(clientId));
        view = view with { ClientId = clientId };

        var created = await GrainFactory.GetGrain<IClientMembership>(clientId).Initialize(view);
        if (created.Error is { } error)
            return error;
        state.State.Clients[clientId] = created.Value!;
        await state.WriteStateAsync();
        await new AuditTrail(GrainFactory, ids, time).RecordAsync(actor, ClientAudit.Created(created.Value!));
        return created.Value!;
    }

    public Task<Outcome<Page<ClientView>>> ListClients(string? status, PageRequest page, Actor actor)
    {
        if (!actor.IsAdmin)
            return Task.FromResult<Outcome<Page<ClientView>>>(Failure.Forbidden("only the admin key lists all clients"));
        if (!page.IsValid)
            return Task.FromResult<Outcome<Page<ClientView>>>(Failure.InvalidInput("page_size", "page must be >= 1 and page_size 1-100"));
        ClientStatus? filter = null;
        if (status is not null)
        {
            if (!FieldRules.TryParseEnum<ClientStatus>(status, out var parsed))
                return Task.FromResult<Outcome<Page<ClientView>>>(Failure.InvalidInput("status", "must be active, inactive or soft_deleted"));
            filter = parsed;
        }
        var ordered = state.State.Clients.Values
            .Where(c => filter is null || c.Status == filter)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<Outcome<Page<ClientView>>>(Page<ClientView>.Slice(ordered, page));
    }

    public async Task<Outcome<ClientView>> PublishClient(ClientView view)
    {
        if (view.Status != ClientStatus.SoftDeleted && ClientNames.IsTaken(state.State.Clients.Values, view.Name, view.ClientId))
            return Failure.NameConflict(view.Name);
        state.State.Clients[view.ClientId] = view;
        await state.WriteStateAsync();
        return view;
    }

    private Outcome<ClientView> Validate(CreateClientCommand command)
    {
        if (FieldRules.Name(command.Name, out var name) is { } badName)
            return badName;
        if ((FieldRules.MaxLength("website", command.Website, 2000) ?? FieldRules.MaxLength("description", command.Description, FieldRules.MaxDescriptionLength)
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
