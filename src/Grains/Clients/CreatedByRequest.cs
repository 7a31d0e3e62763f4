namespace Synap.Grains.Clients;

/// <summary>Which instance an idempotent create made, and when (see <see cref="ClientState.CreatedByRequest"/>).</summary>
[GenerateSerializer, Immutable, Alias("synap.created-by-request.v1")]
public sealed record CreatedByRequest(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] DateTimeOffset At);
