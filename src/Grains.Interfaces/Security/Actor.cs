namespace Synap.Grains.Interfaces.Security;

/// <summary>
/// Who is calling. The front end builds it from an authenticated key; a trusted back end using the Orleans
/// client passes <see cref="Admin"/>. Grains decide visibility (404) and scope (403) from it, never from
/// anything that arrived in <c>RequestContext</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.actor.v1")]
public sealed record Actor(
    [property: Id(0)] ActorType Type,
    [property: Id(1)] string? CredentialId,
    [property: Id(2)] string? ClientId,
    [property: Id(3)] string? InstanceId)
{
    public static Actor Admin { get; } = new(ActorType.Admin, null, null, null);

    public static Actor ForClientKey(string credentialId, string clientId) =>
        new(ActorType.ClientKey, credentialId, clientId, null);

    public static Actor ForInstanceKey(string credentialId, string clientId, string instanceId) =>
        new(ActorType.InstanceKey, credentialId, clientId, instanceId);

    public bool IsAdmin => Type == ActorType.Admin;

    /// <summary>Whether this actor may see anything of the given client at all (another tenant's data is a 404).</summary>
    public bool CanSeeClient(string clientId) => IsAdmin || ClientId == clientId;
}
