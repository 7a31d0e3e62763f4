using Microsoft.Extensions.Logging;

namespace Synap.Grains.Memories;

public sealed partial class MemoryStoreGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Memory {MemoryId} accepted, pending ingestion")]
    private partial void LogAccepted(string memoryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory {MemoryId} ingested ({TokenEstimate} tokens estimated)")]
    private partial void LogIngested(string memoryId, int tokenEstimate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory {MemoryId} deleted")]
    private partial void LogDeleted(string memoryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memories cleared: {Removed} removed")]
    private partial void LogCleared(long removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The instance was not told its memories_count ({Count}); it reads it again when it next activates")]
    private partial void LogCountNotTold(Exception exception, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The memory-ingestion reminder was not removed; it fires again and finds nothing to do")]
    private partial void LogReminderKept(Exception exception);
}
