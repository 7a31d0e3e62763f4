namespace Synap.Grains.Interfaces.Outcomes;

/// <summary>An expected failure of a grain command: an API.md error code, a human message and string details.</summary>
[GenerateSerializer, Immutable, Alias("synap.failure.v1")]
public sealed record Failure(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string> Details)
{
    public static Failure Of(string code, string message, params (string Key, string Value)[] details) =>
        new(code, message, details.ToDictionary(d => d.Key, d => d.Value));

    public static Failure InvalidInput(string field, string reason) =>
        Of(ErrorCodes.InvalidInput, $"Invalid value for '{field}': {reason}", ("field", field), ("reason", reason));

    public static Failure ClientNotFound(string clientId) =>
        Of(ErrorCodes.ClientNotFound, "Client not found", ("client_id", clientId));

    public static Failure InstanceNotFound(string instanceId) =>
        Of(ErrorCodes.InstanceNotFound, "Instance not found", ("instance_id", instanceId));

    public static Failure CredentialNotFound(string credentialId) =>
        Of(ErrorCodes.CredentialNotFound, "Credential not found", ("credential_id", credentialId));

    public static Failure Forbidden(string reason) =>
        Of(ErrorCodes.Forbidden, "This key's scope does not allow this operation", ("reason", reason));

    public static Failure AdminRequired(string field) =>
        Of(ErrorCodes.AdminRequired, "This operation needs the admin key", ("field", field));

    public static Failure InvalidTransition(string from, string to) =>
        Of(ErrorCodes.InvalidStateTransition, $"Cannot change status from '{from}' to '{to}'", ("from", from), ("to", to));

    public static Failure NameConflict(string name) =>
        Of(ErrorCodes.NameConflict, "The name is already in use", ("name", name));
}
