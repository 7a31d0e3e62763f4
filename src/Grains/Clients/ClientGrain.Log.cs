using Microsoft.Extensions.Logging;

namespace Synap.Grains.Clients;

public sealed partial class ClientGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: the registry did not take the client's view; publishing again on the next tick")]
    private partial void LogRegistryBehind(Exception exception, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: standing version {Version} did not reach instance {InstanceId}; it re-reads the standing on its own")]
    private partial void LogStandingNotPushed(Exception exception, string clientId, string instanceId, long version);
}
