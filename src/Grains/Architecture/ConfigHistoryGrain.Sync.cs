using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Architecture;

/// <summary>
/// Keeps the instance's <c>config_status</c> in step with the head. The head is the commit point of every command: once
/// it is written the command stands, and the instance is told at once; when that fails (the instance's own write
/// failed) the command still answers with what it did, and the history tells the instance again every
/// <see cref="SyncRetry"/> until it took, on each later command, and once on its next activation.
/// </summary>
public sealed partial class ConfigHistoryGrain
{
    /// <summary>How soon a failed update of the instance's <c>config_status</c> is tried again.</summary>
    public static readonly TimeSpan SyncRetry = TimeSpan.FromSeconds(2);

    // What the instance last acknowledged from this activation; null: not told yet.
    private ConfigStatus? toldStatus;
    private IGrainTimer? syncTimer;

    private async Task TellInstanceAsync()
    {
        if (standing is null || Versions.Count == 0)
            return;
        var status = ConfigWorkflow.InstanceStatus(Versions);
        if (status == toldStatus)
            return;
        try
        {
            await Instance.OnConfigStatusChanged(status);
            toldStatus = status;
        }
        catch (Exception e)
        {
            LogTellFailed(e, InstanceId, status);
            ScheduleSync(SyncRetry);
        }
    }

    private void ScheduleSync(TimeSpan due)
    {
        syncTimer?.Dispose();
        syncTimer = this.RegisterGrainTimer(SyncAsync, due, Timeout.InfiniteTimeSpan);
    }

    private Task SyncAsync(CancellationToken cancellationToken)
    {
        syncTimer?.Dispose();
        syncTimer = null;
        return TellInstanceAsync();
    }
}
