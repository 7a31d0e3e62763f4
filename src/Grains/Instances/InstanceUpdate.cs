using Synap.Grains.Common;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Instances;

/// <summary>Applies a PATCH to an instance, all or nothing. Only provided fields change; metadata merges.</summary>
public static class InstanceUpdate
{
    public static Outcome<InstanceDetail> Apply(InstanceDetail current, UpdateInstanceCommand command, Actor actor, DateTimeOffset now)
    {
        InstanceStatus? requested = null;
        if (command.Status is { } status)
        {
            if (!FieldRules.TryParseEnum<InstanceStatus>(status.Value, out var to))
                return Failure.InvalidInput("status", "must be provisioning, active, inactive, suspended or archived");
            requested = to;
        }
        if (current.Status == InstanceStatus.Archived)
            return Failure.InvalidTransition("archived", FieldRules.ToSnakeCase(requested ?? InstanceStatus.Archived));

        var next = current;
        if (command.Name is { } name)
        {
            if (FieldRules.Name(name.Value, out var trimmed) is { } badName)
                return badName;
            next = next with { Name = trimmed };
        }
        if (command.Description is { } description)
        {
            if (FieldRules.Description(description.Value) is { } bad)
                return bad;
            next = next with { Description = description.Value };
        }
        if (command.Metadata is { } changes)
        {
            var merged = new Dictionary<string, string?>(current.Metadata.ToDictionary(p => p.Key, p => (string?)p.Value));
            foreach (var (key, value) in changes)
            {
                if (value is null)
                    merged.Remove(key);
                else
                    merged[key] = value;
            }
            if (FieldRules.Metadata(merged) is { } bad)
                return bad;
            var metadata = merged.ToDictionary(p => p.Key, p => p.Value!);
            if (!SameMetadata(metadata, current.Metadata))
                next = next with { Metadata = metadata };
        }
        if (requested is { } target)
        {
            if (InstanceLifecycle.Check(current.Status, target, InstanceLifecycle.Route.Patch, actor.IsAdmin) is { } illegal)
                return illegal;
            next = next with { Status = target };
        }
        return next == current ? current : next with { UpdatedAt = now };
    }

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
