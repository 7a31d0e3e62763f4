using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Synap.Grains.Hosting;

/// <summary>
/// How fast a silo that died without leaving (<c>kill -9</c>, a lost host) is declared dead. Until then, calls to the
/// grains it hosted wait for the 30 s response timeout and answer 503. Orleans' defaults (probe every 5 s, dead after 3
/// missed probes, so 15 s or more) are sized for large clusters on busy networks; here a silo is declared dead after 2
/// missed probes of 2 s, about 4–6 s after it stopped answering. A silo that is merely slow is not evicted for it:
/// Orleans extends the probe timeout while the prober itself is degraded, and probes indirectly through a third silo
/// when there is one. A graceful stop never waits for this: the silo marks itself dead as it leaves.
/// </summary>
public static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int MissedProbesLimit = 2;

    public static void Apply(IServiceCollection services) =>
        services.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = ProbeTimeout;
            membership.NumMissedProbesLimit = MissedProbesLimit;
        });
}
