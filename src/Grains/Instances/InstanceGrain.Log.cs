using Microsoft.Extensions.Logging;

namespace Synap.Grains.Instances;

public sealed partial class InstanceGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: its write failed and the client kept the new listing ({Reason}); a retry publishes it again")]
    private partial void LogListingNotGivenBack(Exception? exception, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the client refused the listing of a new config_status ({Reason})")]
    private partial void LogConfigStatusRefused(string instanceId, string reason);
}
