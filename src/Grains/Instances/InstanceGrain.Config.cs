using Synap.Grains.Architecture;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Instances;

/// <summary>What the config history tells the instance, and what the instance asks of it.</summary>
public sealed partial class InstanceGrain
{
    // Only always-interleaved methods of the history are called from here (see IConfigHistoryMembership): no call cycle.
    private IConfigHistoryMembership ConfigHistoryMembership => GrainFactory.GetGrain<IConfigHistoryMembership>(InstanceId);

    private IConfigHistoryGrain ConfigHistoryReads => GrainFactory.GetGrain<IConfigHistoryGrain>(InstanceId);

    public async Task OnConfigStatusChanged(ConfigStatus status)
    {
        // Out of pending only by the instance's own init: before it stored, the history's version 1 is not the instance's.
        if (state.State.Detail is not { } current || current.ConfigStatus == ConfigStatus.Pending || current.ConfigStatus == status)
            return;
        var saved = await SaveAsync(current with { ConfigStatus = status, UpdatedAt = time.GetUtcNow() });
        if (saved.Error is { } refused)
            LogConfigStatusRefused(InstanceId, refused.Code);
    }

    public Task<IReadOnlyList<ConfigVersion>> GetLegacyConfigVersions() =>
        Task.FromResult<IReadOnlyList<ConfigVersion>>([.. state.State.ConfigVersions]);
}
