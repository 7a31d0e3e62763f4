using Microsoft.Extensions.Logging;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Architecture;

public sealed partial class ConfigHistoryGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId}: {Count} config versions moved from the instance's state into its config history")]
    private partial void LogMigrated(string instanceId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: its config_status ({Status}) was not stored; told again shortly")]
    private partial void LogTellFailed(Exception exception, string instanceId, ConfigStatus status);
}
