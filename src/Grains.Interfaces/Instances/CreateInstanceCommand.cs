namespace Synap.Grains.Interfaces.Instances;

/// <summary>
/// Body of <c>POST /dashboard/instances?client_id=</c>. <see cref="RequestId"/> names the caller's attempt (its credential
/// and hashed <c>Idempotency-Key</c>, set by the API, never by the body): a retry of a create that committed but whose
/// answer was lost (a silo died, the database went away before the answer) gets the instance it made, not a 409.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.create-instance.v1")]
public sealed record CreateInstanceCommand(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? AgentType,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Metadata = null,
    [property: Id(4)] string? ParentInstanceId = null,
    [property: Id(5)] string? RequestId = null);
