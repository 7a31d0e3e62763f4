using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Interfaces.Audit;

/// <summary>Who made a change: the kind of credential and its id (null for the admin key, which has no credential id).</summary>
[GenerateSerializer, Immutable, Alias("synap.audit-actor.v1")]
public sealed record AuditActor(
    [property: Id(0)] ActorType Type,
    [property: Id(1)] string? CredentialId)
{
    public static AuditActor Of(Actor actor) => new(actor.Type, actor.CredentialId);
}
