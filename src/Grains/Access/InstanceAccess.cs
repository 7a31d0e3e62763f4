using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Access;

/// <summary>
/// The one access rule of everything an instance owns, used by every grain keyed by an instance id so that HTTP and
/// trusted Orleans callers meet the same decisions. Pure: the caller supplies the instance's standing (null: no such instance).
/// </summary>
public static class InstanceAccess
{
    /// <summary>
    /// Null when allowed. Another tenant's instance (or another instance's key) gets the same 404 as a missing one
    /// (API.md §2); a visible instance with an operation outside the key's scope gets 403 <c>FORBIDDEN</c>; the
    /// runtime operations need an active client (403 <c>CLIENT_INACTIVE</c>) and an active instance
    /// (403 <c>INSTANCE_NOT_ACTIVE</c>), both with <c>details.status</c>.
    /// </summary>
    public static Failure? Check(Actor actor, string instanceId, InstanceStanding? standing, InstanceOperation operation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (standing is null || !actor.CanSeeClient(standing.ClientId)
            || (actor.Type == ActorType.InstanceKey && actor.InstanceId != instanceId))
            return Failure.InstanceNotFound(instanceId);
        var inScope = operation switch
        {
            InstanceOperation.Read => true,
            InstanceOperation.Manage => actor.Type is ActorType.Admin or ActorType.ClientKey,
            InstanceOperation.Agent => actor.Type is ActorType.Admin or ActorType.InstanceKey,
            InstanceOperation.PublishBundle => actor.Type is ActorType.Admin or ActorType.ClientKey or ActorType.InstanceKey,
            _ => false,
        };
        if (!inScope)
            return Failure.Forbidden(operation == InstanceOperation.Manage ? "instance keys cannot manage their instance" : "only the instance's own key may do this");
        if (operation is InstanceOperation.Read or InstanceOperation.Manage)
            return null;
        if (standing.ClientStatus != ClientStatus.Active)
            return KeyAdmission.ClientInactive(standing.ClientStatus);
        return standing.Status == InstanceStatus.Active
            ? null
            : Failure.Of(ErrorCodes.InstanceNotActive, "The instance is not active", ("status", FieldRules.ToSnakeCase(standing.Status)));
    }
}
