using System.Diagnostics;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grpc;

/// <summary>
/// The node holding a stream dies without running any shutdown code (kill -9): nothing releases the lease, so it must
/// lapse by itself within API.md §10's 30 s, after which a stream on another node takes it.
/// </summary>
[Collection(KestrelClusterCollection.Name)]
public sealed class GrpcLeaseLapseTests(KestrelClusterFixture cluster)
{
    [Fact]
    public async Task The_lease_of_a_killed_api_node_lapses_within_30_s_and_another_node_takes_it()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        await using var doomed = cluster.StartApiProcess();
        await doomed.WaitUntilReadyAsync();
        await using (var held = await GrpcListener.OpenEstablishedAsync(doomed.GrpcAddress, tenant.InstanceKey))
        {
            await doomed.KillAsync();
        }

        var watch = Stopwatch.StartNew();
        await using var taken = await BoundedWait.UntilAsync("another node takes the lease", TimeSpan.FromSeconds(30),
            () => GrpcListener.TryOpenEstablishedAsync(cluster.HostB.GrpcAddress, tenant.InstanceKey), listener => listener is not null);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{watch.Elapsed}");
    }
}
