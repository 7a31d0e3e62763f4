using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Errors;

/// <summary>What an exception that escaped a request says about whose fault it was, which decides the answer and the log level.</summary>
public enum RequestFailureKind
{
    /// <summary>The client went away: nothing can be sent; logged at Debug.</summary>
    ClientAborted,

    /// <summary>The body ended early, was malformed on the wire, or arrived too slowly: <c>400 INVALID_INPUT</c>, logged at Debug.</summary>
    IncompleteBody,

    /// <summary>The body passed the server's size limit while being read: <c>413 PAYLOAD_TOO_LARGE</c>, logged at Debug.</summary>
    TooLarge,

    /// <summary>The cluster or its storage is down: <c>503</c> with <c>Retry-After</c>, logged as a warning.</summary>
    Unavailable,

    /// <summary>A bug: <c>500</c>, logged as an error.</summary>
    Unexpected,
}

/// <summary>Classifies a request's exception; the one error writer answers and logs by the kind.</summary>
public static class RequestFailure
{
    public static RequestFailureKind Classify(Exception? exception, bool requestAborted) => exception switch
    {
        // Kestrel fails reads and writes of an aborted request with IOException or OperationCanceledException.
        OperationCanceledException or IOException when requestAborted => RequestFailureKind.ClientAborted,
        // Kestrel's body errors: a Content-Length not met, a bad chunk, a body slower than MinRequestBodyDataRate (408).
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => RequestFailureKind.TooLarge,
        BadHttpRequestException => RequestFailureKind.IncompleteBody,
        _ when IsClusterUnavailable(exception) => RequestFailureKind.Unavailable,
        _ => RequestFailureKind.Unexpected,
    };

    /// <summary>The answer for a kind that gets one; <see cref="RequestFailureKind.ClientAborted"/> gets none.</summary>
    public static ErrorResult? Answer(RequestFailureKind kind, BadHttpRequestException? badRequest = null) => kind switch
    {
        RequestFailureKind.ClientAborted => null,
        RequestFailureKind.IncompleteBody => ErrorResult.InvalidInput("body", badRequest?.StatusCode == StatusCodes.Status408RequestTimeout
            ? "arrived too slowly" : "is incomplete or malformed on the wire"),
        RequestFailureKind.TooLarge => ErrorResult.Of(ErrorCodes.PayloadTooLarge, "The request body is larger than 1 MiB"),
        RequestFailureKind.Unavailable => ErrorResult.Of(ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable"),
        _ => ErrorResult.Of(ErrorCodes.InternalError, "Internal server error"),
    };

    /// <summary>Outages of the cluster or its storage, as opposed to bugs: the caller should retry.</summary>
    private static bool IsClusterUnavailable(Exception? exception) => exception switch
    {
        null => false,
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        // The API node's gateway silo went away (killed, restarting) and no other gateway took the request yet.
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        System.Data.Common.DbException => true,
        // Two activations of one grain for a moment while a silo leaves: the loser's write is refused, it deactivates,
        // and a retry reads what storage holds.
        Orleans.Storage.InconsistentStateException => true,
        // A silo cannot send Npgsql's exceptions to an API node (no codec for them): what arrives names the type instead.
        Orleans.Serialization.CodecNotFoundException codec when codec.Message.Contains("Npgsql.", StringComparison.Ordinal) => true,
        _ => IsClusterUnavailable(exception.InnerException),
    };
}
