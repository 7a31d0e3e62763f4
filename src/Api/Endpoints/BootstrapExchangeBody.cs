namespace Synap.Api.Endpoints;

/// <summary>
/// The JSON body of <c>POST /api/v1/keys/bootstrap</c> as the OpenAPI document shows it: <c>bootstrap_key</c> (or its
/// alias <c>bootstrap_token</c>) is required; <c>instance_id</c> may be empty (the key names its instance).
/// </summary>
public sealed record BootstrapExchangeBody(
    string? InstanceId,
    string? BootstrapKey,
    string? BootstrapToken,
    string? Label);
