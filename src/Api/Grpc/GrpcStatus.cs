using Grpc.Core;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Grpc;

/// <summary>
/// The one mapping from an API.md error code to a gRPC status (the gRPC twin of <c>ErrorStatus</c>). The code and
/// its details also travel in the trailers (<c>synap-error-code</c>, <c>synap-&lt;detail&gt;</c>) for clients that read them.
/// </summary>
public static class GrpcStatus
{
    public const string ErrorCodeTrailer = "synap-error-code";

    public static StatusCode For(string code) => code switch
    {
        ErrorCodes.AuthenticationRequired or ErrorCodes.InvalidApiKey => StatusCode.Unauthenticated,
        ErrorCodes.Forbidden or ErrorCodes.AdminRequired => StatusCode.PermissionDenied,
        // The key is fine; the instance or its client is not in a state that allows listening.
        ErrorCodes.ClientInactive or ErrorCodes.InstanceNotActive => StatusCode.FailedPrecondition,
        ErrorCodes.ListeningAlreadyActive => StatusCode.AlreadyExists,
        ErrorCodes.ClientNotFound or ErrorCodes.InstanceNotFound or ErrorCodes.CredentialNotFound or ErrorCodes.NotFound => StatusCode.NotFound,
        ErrorCodes.InvalidInput or ErrorCodes.InvalidInstanceId or ErrorCodes.InvalidClientId or ErrorCodes.PayloadTooLarge => StatusCode.InvalidArgument,
        ErrorCodes.RateLimitExceeded => StatusCode.ResourceExhausted,
        ErrorCodes.ServiceUnavailable => StatusCode.Unavailable,
        ErrorCodes.InternalError => StatusCode.Internal,
        _ => StatusCode.FailedPrecondition,
    };

    public static RpcException Exception(Failure failure)
    {
        var trailers = new Metadata { { ErrorCodeTrailer, failure.Code } };
        foreach (var (key, value) in failure.Details)
            trailers.Add($"synap-{key.Replace('_', '-')}", value);
        return new RpcException(new Status(For(failure.Code), $"{failure.Code}: {failure.Message}"), trailers);
    }
}
