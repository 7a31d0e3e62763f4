using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Endpoints;

/// <summary>Malformed ids in a path or query are a 400 before any grain is touched; well-formed unknown ids are the grain's 404.</summary>
public static class PathIds
{
    public static ErrorResult? Client(string? id, string field = "client_id") =>
        SynapIds.IsClientId(id) ? null
        : ErrorResult.Of(ErrorCodes.InvalidClientId, "Malformed client id", ("field", field), ("reason", "must be cli_ + 16 lowercase hex"));

    public static ErrorResult? Instance(string? id, string field = "instance_id") =>
        SynapIds.IsInstanceId(id) ? null
        : ErrorResult.Of(ErrorCodes.InvalidInstanceId, "Malformed instance id", ("field", field), ("reason", "must be inst_ + 16 lowercase hex"));

    public static ErrorResult? Credential(string? id) =>
        SynapIds.IsCredentialId(id) ? null : ErrorResult.InvalidInput("credential_id", "must be cred_ + 12 lowercase hex");
}
