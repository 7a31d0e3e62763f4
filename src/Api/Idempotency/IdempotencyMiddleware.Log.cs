namespace Synap.Api.Idempotency;

public sealed partial class IdempotencyMiddleware
{
    [LoggerMessage(LogLevel.Warning, "The response could not be recorded for idempotent replay; the key's claim lapses after its lease")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The Idempotency-Key could not be released after the route failed; its claim lapses after its lease")]
    private static partial void LogNotReleased(ILogger logger, Exception exception);
}
