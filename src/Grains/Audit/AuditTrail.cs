using Synap.Grains.Common;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Audit;

/// <summary>
/// Stamps a command's audit events with an id, the time, the actor and the request's correlation id, and appends
/// them to the logs they belong in: one call and one write per log.
/// </summary>
/// <remarks>
/// The grain that makes a change records it, after its own write succeeded, rather than the HTTP front end: trusted
/// back ends that call the grains through the Orleans client are audited exactly like HTTP callers, and a refused or
/// failed command leaves no entry.
/// </remarks>
public sealed class AuditTrail(IGrainFactory grains, IIdGenerator ids, TimeProvider time)
{
    public Task RecordAsync(Actor actor, params IEnumerable<AuditEvent> events)
    {
        var now = time.GetUtcNow();
        var correlationId = RequestContext.Get(RequestContextKeys.CorrelationId) as string;
        var placed = events
            .Where(e => e.Changes.Count > 0)
            .SelectMany(e =>
            {
                // One entry, one id, in every log it belongs in: it is one change, seen from the instance and from its client.
                var entry = new AuditEntry(ids.NewId(SynapIds.AuditPrefix, 16), now, AuditActor.Of(actor), e.Action, e.TargetId,
                    correlationId, e.Changes);
                return e.LogIds.Select(logId => (LogId: logId, Entry: entry));
            })
            .GroupBy(p => p.LogId, p => p.Entry, StringComparer.Ordinal);
        return Task.WhenAll(placed.Select(log => grains.GetGrain<IAuditLogGrain>(log.Key).Append(log.ToList())));
    }

    /// <summary>Reads a log for its owner, which has already authorized the caller.</summary>
    public async Task<Outcome<Page<AuditEntry>>> ReadAsync(string logId, PageRequest page) =>
        page.IsValid
            ? await grains.GetGrain<IAuditLogGrain>(logId).List(page)
            : Failure.InvalidInput("page_size", "page must be >= 1 and page_size 1-100");
}
