using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;
using Synap.Grains.Listening;

namespace Synap.Grains.Instances;

/// <summary>
/// <c>POST /dashboard/instances/{id}/reset</c>: clears what the instance accumulated while it ran (memories, recorded
/// events, its own counters) and keeps what defines it (config, keys, metadata, status).
/// </summary>
public sealed partial class InstanceGrain
{
    public async Task<Outcome<InstanceDetail>> Reset(Actor actor)
    {
        if (Authorize(actor, manage: true) is { } denied)
            return denied;
        if (state.State.Detail!.Status == InstanceStatus.Archived)
            return NotActive();
        // Each owner clears its own data idempotently; if one fails the request fails and a retry clears again. The
        // audit entry is written only once everything is cleared. The memory store tells this grain its new count
        // through an interleaved call before it answers, so memories_count is 0 below.
        var before = View();
        if ((await GrainFactory.GetGrain<IMemoryStoreGrain>(InstanceId).Clear(actor)).Error is { } refused)
            return refused;
        await GrainFactory.GetGrain<IListenerControl>(InstanceId).Reset();
        await usage.ResetCountersAsync();
        var after = View();
        await Audit.RecordAsync(actor, InstanceAudit.Reset(before, after));
        return after;
    }
}
