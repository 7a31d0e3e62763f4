using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Instances;

/// <summary>
/// <c>POST /dashboard/instances/{id}/reset</c>: clears what the instance accumulated while it ran (memories, recorded
/// events, its own counters) and keeps what defines it (config, keys, metadata, status).
/// </summary>
public sealed partial class InstanceGrain
{
    /// <summary>The grains keyed by the instance id whose data a reset clears.</summary>
    private static readonly Func<IGrainFactory, string, IInstanceDataOwner>[] DataOwners = [];

    public async Task<Outcome<InstanceDetail>> Reset(Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        if (state.State.Detail!.Status == InstanceStatus.Archived)
            return NotActive();
        // Each owner clears its own data idempotently; if one fails the request fails and a retry clears again. The
        // audit entry is written only once everything is cleared.
        var before = View();
        foreach (var owner in DataOwners)
            await owner(GrainFactory, InstanceId).ClearInstanceData();
        await usage.ResetCountersAsync();
        var after = View();
        await Audit.RecordAsync(actor, InstanceAudit.Reset(before, after));
        return after;
    }
}
