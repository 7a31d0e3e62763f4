using Microsoft.Extensions.Logging;

namespace Synap.Grains.Memories;

public sealed partial class MemoryStoreGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: memory {MemoryId} accepted, pending ingestion")]
    private partial void LogAccepted(string instanceId, string memoryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: memory {MemoryId} ingested ({TokenEstimate} tokens estimated)")]
    private partial void LogIngested(string instanceId, string memoryId, int tokenEstimate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: memory {MemoryId} deleted")]
    private partial void LogDeleted(string instanceId, string memoryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: memories cleared, {Removed} removed")]
    private partial void LogCleared(string instanceId, long removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The instance was not told its memories_count ({Count}); it reads it again when it next activates")]
    private partial void LogCountNotTold(Exception exception, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The memory-ingestion reminder was not removed; it fires again and finds nothing to do")]
    private partial void LogReminderKept(Exception exception);
}
