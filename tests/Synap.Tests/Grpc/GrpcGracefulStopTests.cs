using Grpc.Core;
using Synap.Api.Grpc.V1;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grpc;

/// <summary>A node stopping gracefully tells its listeners to go elsewhere and gives their leases back at once.</summary>
[Collection(KestrelClusterCollection.Name)]
public sealed class GrpcGracefulStopTests(KestrelClusterFixture cluster)
{
    [Fact]
    public async Task A_node_stopping_gracefully_sends_closing_ends_the_call_and_frees_the_lease()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        var stopping = cluster.NewHost();
        await stopping.StartAsync();
        await using var listener = await GrpcListener.OpenEstablishedAsync(stopping.GrpcAddress, tenant.InstanceKey);

        var stopped = stopping.DisposeAsync().AsTask();

        var signal = (await listener.NextMatchingAsync(m => m.PayloadCase == StreamResponse.PayloadOneofCase.Signal)).Signal;
        Assert.Equal(("closing", "SHUTTING_DOWN"), (signal.SignalType, signal.Reason));
        Assert.Equal(StatusCode.OK, (await listener.EndedAsync()).StatusCode);
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));
        await using var next = await BoundedWait.UntilAsync("another node takes the lease", TimeSpan.FromSeconds(5),
            () => GrpcListener.TryOpenEstablishedAsync(cluster.HostB.GrpcAddress, tenant.InstanceKey), l => l is not null);
    }
}
