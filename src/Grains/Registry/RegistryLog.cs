using Microsoft.Extensions.Logging;

namespace Synap.Grains.Registry;

internal static partial class RegistryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the former name of client {ClientId}; it is freed when another client asks for it")]
    public static partial void NameReleaseFailed(ILogger logger, Exception error, string clientId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asking again whether client {ClientId} exists before releasing its name (attempt {Attempt} failed)")]
    public static partial void NameReleaseRetried(ILogger logger, Exception error, string clientId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating the client registry: {Count} clients to name grains and index segments")]
    public static partial void MigrationStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration: client {ClientId} shares its name with another client; it keeps it, without a reservation")]
    public static partial void MigrationNameConflict(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client registry migrated: {Count} clients in {ElapsedMs:F0} ms")]
    public static partial void MigrationDone(ILogger logger, int count, double elapsedMs);
}
