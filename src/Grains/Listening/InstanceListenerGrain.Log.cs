using Microsoft.Extensions.Logging;
using Synap.Grains.Interfaces.Listening;

namespace Synap.Grains.Listening;

public sealed partial class InstanceListenerGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: listener {ListenerId} took the listen lease over {Transport}")]
    private static partial void LogOpened(ILogger logger, string instanceId, string listenerId, ListenTransport transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: listener {ListenerId} lost the listen lease ({Reason})")]
    private static partial void LogEnded(ILogger logger, string instanceId, string listenerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: listener {ListenerId} did not take a delivery; its node is taken for gone")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string instanceId, string listenerId);
}
