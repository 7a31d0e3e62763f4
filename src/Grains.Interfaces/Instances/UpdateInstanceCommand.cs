using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Interfaces.Instances;

/// <summary>
/// Body of <c>PATCH /dashboard/instances/{id}</c>: absent fields are unchanged; <see cref="Metadata"/> merges,
/// a null value removing its key.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.update-instance.v1")]
public sealed record UpdateInstanceCommand(
    [property: Id(0)] Optional<string?>? Name = null,
    [property: Id(1)] Optional<string?>? Description = null,
    [property: Id(2)] IReadOnlyDictionary<string, string?>? Metadata = null,
    [property: Id(3)] Optional<string?>? Status = null);
