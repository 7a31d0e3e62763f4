using Microsoft.Extensions.Logging;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Instances;

/// <summary>Tells every grain keyed by an instance id that decides access on the instance's standing of a change.</summary>
public static partial class InstanceStandingNotifier
{
    /// <summary>The observers, by grain interface; a grain kind keyed by the instance id that checks access adds itself here.</summary>
    private static readonly Func<IGrainFactory, string, IInstanceStandingObserver>[] Observers =
    [
        (grains, id) => grains.GetGrain<Interfaces.Listening.IInstanceListenerGrain>(id).AsReference<IInstanceStandingObserver>(),
        (grains, id) => grains.GetGrain<Interfaces.Memories.IMemoryStoreGrain>(id).AsReference<IInstanceStandingObserver>(),
        (grains, id) => grains.GetGrain<Architecture.IConfigHistoryMembership>(id),
    ];

    public static async Task NotifyAsync(IGrainFactory grains, InstanceStanding standing, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(standing);
        foreach (var observer in Observers)
        {
            try
            {
                await observer(grains, standing.InstanceId).OnStandingChanged(standing);
            }
            catch (Exception e)
            {
                LogNotifyFailed(logger, e, standing.InstanceId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: a grain keyed by it was not told of its new standing; it re-reads it on its next activation or refresh")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string instanceId);
}
