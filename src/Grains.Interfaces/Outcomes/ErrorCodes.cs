namespace Synap.Grains.Interfaces.Outcomes;

/// <summary>The error codes of API.md §1.</summary>
public static class ErrorCodes
{
    public const string InvalidInput = "INVALID_INPUT";
    public const string InvalidInstanceId = "INVALID_INSTANCE_ID";
    public const string InvalidClientId = "INVALID_CLIENT_ID";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string Forbidden = "FORBIDDEN";
    public const string AdminRequired = "ADMIN_REQUIRED";
    public const string ClientInactive = "CLIENT_INACTIVE";
    public const string InstanceNotActive = "INSTANCE_NOT_ACTIVE";
    public const string ClientNotFound = "CLIENT_NOT_FOUND";
    public const string InstanceNotFound = "INSTANCE_NOT_FOUND";
    public const string CredentialNotFound = "CREDENTIAL_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NameConflict = "NAME_CONFLICT";
    public const string InvalidStateTransition = "INVALID_STATE_TRANSITION";
    public const string AlreadyInitialized = "ALREADY_INITIALIZED";
    public const string HasChildren = "HAS_CHILDREN";
    public const string ConfigAlreadyActive = "CONFIG_ALREADY_ACTIVE";
    /// <summary>409: the instance's listen lease is held (details: <c>listener_id</c>, <c>since</c>, <c>last_heartbeat_at</c>, <c>transport</c>, <c>lease_expires_at</c>).</summary>
    public const string ListeningAlreadyActive = "LISTENING_ALREADY_ACTIVE";
    /// <summary>409: the operation needs an active listener and the instance has none.</summary>
    public const string ListeningNotActive = "LISTENING_NOT_ACTIVE";
    /// <summary>409: the owner already holds the maximum number of active API keys (details: <c>limit</c>, <c>active</c>).</summary>
    public const string ApiKeyLimitReached = "API_KEY_LIMIT_REACHED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}
