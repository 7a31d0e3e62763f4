using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>The one mapping from an API.md error code to its HTTP status.</summary>
public static class ErrorStatus
{
    public static int For(string code) => code switch
    {
        ErrorCodes.InvalidInput or ErrorCodes.InvalidInstanceId or ErrorCodes.InvalidClientId => StatusCodes.Status400BadRequest,
        ErrorCodes.AuthenticationRequired or ErrorCodes.InvalidApiKey => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.AdminRequired or ErrorCodes.ClientInactive or ErrorCodes.InstanceNotActive => StatusCodes.Status403Forbidden,
        ErrorCodes.ClientNotFound or ErrorCodes.InstanceNotFound or ErrorCodes.CredentialNotFound or ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.RateLimitExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status409Conflict,
    };
}
