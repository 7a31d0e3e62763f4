namespace Synap.Api.Endpoints;

/// <summary>
/// The JSON body of <c>PATCH /dashboard/instances/{id}</c> as the OpenAPI document shows it: every field optional, an
/// absent field unchanged; <c>metadata</c> merges, a null value removing its key. The handler reads the body itself
/// into <see cref="Grains.Interfaces.Instances.UpdateInstanceCommand"/>; this type only describes the wire shape.
/// </summary>
public sealed record InstancePatchBody(
    string? Name,
    string? Description,
    IReadOnlyDictionary<string, string?>? Metadata,
    string? Status);
