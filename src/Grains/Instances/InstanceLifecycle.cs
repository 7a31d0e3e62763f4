using Synap.Grains.Common;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Instances;

/// <summary>
/// The instance status machine of API.md §5. Through PATCH: <c>active ⇄ inactive</c> (client key or admin),
/// <c>active|inactive → suspended</c> and <c>suspended → active</c> (admin only). <c>provisioning → active</c>
/// happens only at memory-architecture init, <c>→ archived</c> only through DELETE, and archived is final.
/// </summary>
public static class InstanceLifecycle
{
    public enum Route { Patch, Init, Archive }

    /// <summary>Null when allowed; otherwise <c>INVALID_STATE_TRANSITION</c>, or <c>ADMIN_REQUIRED</c> for a legal change only the admin may make.</summary>
    public static Failure? Check(InstanceStatus from, InstanceStatus to, Route route, bool isAdmin)
    {
        if (from == to && from != InstanceStatus.Archived)
            return null;
        var needsAdmin = (route, from, to) switch
        {
            (Route.Patch, InstanceStatus.Active, InstanceStatus.Inactive) => false,
            (Route.Patch, InstanceStatus.Inactive, InstanceStatus.Active) => false,
            (Route.Patch, InstanceStatus.Active or InstanceStatus.Inactive, InstanceStatus.Suspended) => true,
            (Route.Patch, InstanceStatus.Suspended, InstanceStatus.Active) => true,
            (Route.Init, InstanceStatus.Provisioning, InstanceStatus.Active) => false,
            (Route.Archive, not InstanceStatus.Archived, InstanceStatus.Archived) => false,
            _ => (bool?)null,
        };
        return needsAdmin switch
        {
            null => Failure.InvalidTransition(FieldRules.ToSnakeCase(from), FieldRules.ToSnakeCase(to)),
            true when !isAdmin => Failure.AdminRequired("status"),
            _ => null,
        };
    }
}
