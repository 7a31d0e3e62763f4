using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Clients;

/// <summary>Applies a PATCH to a client view, all or nothing: either every field is valid and allowed, or nothing changes.</summary>
public static class ClientUpdate
{
    public static Outcome<ClientView> Apply(ClientView current, UpdateClientCommand command, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAdmin && FirstAdminOnlyField(command) is { } adminField)
            return Failure.AdminRequired(adminField);

        var next = current;
        if (command.Name is { } name)
        {
            if (FieldRules.Name(name.Value, out var trimmed) is { } badName)
                return badName;
            next = next with { Name = trimmed };
        }
        if (command.Website is { } website)
        {
            if (FieldRules.Website(website.Value) is { } bad)
                return bad;
            next = next with { Website = website.Value };
        }
        if (command.Description is { } description)
        {
            if (FieldRules.Description(description.Value) is { } bad)
                return bad;
            next = next with { Description = description.Value };
        }
        if (command.Context is { } context)
        {
            if (context.Value is null)
                return Failure.InvalidInput("context", "must be a JSON object");
            if (FieldRules.Context(context.Value) is { } bad)
                return bad;
            next = next with { Context = context.Value };
        }
        if (command.Status is { } status)
        {
            if (!FieldRules.TryParseEnum<ClientStatus>(status.Value, out var to))
                return Failure.InvalidInput("status", "must be active, inactive or soft_deleted");
            if (ClientLifecycle.Check(current.Status, to) is { } illegal)
                return illegal;
            next = next with { Status = to };
        }
        var limits = ApplyLimits(current, command);
        if (limits.Error is { } badLimits)
            return badLimits;
        next = next with { Tier = limits.Value.Tier, RateLimitPerMinute = limits.Value.PerMinute, Burst = limits.Value.Burst };

        return next == current ? current : next with { UpdatedAt = now };
    }

    private static Outcome<(ClientTier Tier, int PerMinute, int Burst)> ApplyLimits(ClientView current, UpdateClientCommand command)
    {
        if (command.Tier is null && command.RateLimitPerMinute is null && command.Burst is null)
            return (current.Tier, current.RateLimitPerMinute, current.Burst);
        var tier = current.Tier;
        if (command.Tier is { } requested && !FieldRules.TryParseEnum(requested.Value, out tier))
            return Failure.InvalidInput("tier", "must be free, pro or enterprise");
        if (command.RateLimitPerMinute is { Value: null })
            return Failure.InvalidInput("rate_limit_per_minute", "must be a positive integer");
        if (command.Burst is { Value: null })
            return Failure.InvalidInput("burst", "must be a positive integer");
        var keep = current.Tier == ClientTier.Enterprise ? (current.RateLimitPerMinute, current.Burst) : ((int, int)?)null;
        var resolved = TierLimits.Resolve(tier, command.RateLimitPerMinute?.Value, command.Burst?.Value, keep);
        return resolved.Error is { } error ? error : (tier, resolved.Value.PerMinute, resolved.Value.Burst);
    }

    private static string? FirstAdminOnlyField(UpdateClientCommand command) =>
        command.Status is not null ? "status"
        : command.Tier is not null ? "tier"
        : command.RateLimitPerMinute is not null ? "rate_limit_per_minute"
        : command.Burst is not null ? "burst"
        : null;
}
