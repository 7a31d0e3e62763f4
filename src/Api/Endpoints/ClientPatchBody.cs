using Synap.Grains.Interfaces.Commands;

namespace Synap.Api.Endpoints;

/// <summary>
/// The JSON body of <c>PATCH /dashboard/clients/{id}</c> as the OpenAPI document shows it: every field optional, an
/// absent field unchanged. The handler reads the body itself (it must tell an absent field from an explicit null)
/// into <see cref="Grains.Interfaces.Clients.UpdateClientCommand"/>; this type only describes the wire shape.
/// </summary>
public sealed record ClientPatchBody(
    string? Name,
    string? Website,
    string? Description,
    JsonText? Context,
    string? Status,
    string? Tier,
    long? RateLimitPerMinute,
    long? Burst);
