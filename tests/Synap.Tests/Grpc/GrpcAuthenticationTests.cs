using Grpc.Core;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Grpc;

/// <summary>
/// The listen stream authenticates its metadata by the same rules as HTTP: the official SDK sees the refusal as the
/// call's status on its first read, and no lease is ever taken for a refused caller.
/// </summary>
[Collection(KestrelClusterCollection.Name)]
public sealed class GrpcAuthenticationTests(KestrelClusterFixture cluster)
{
    [Fact]
    public async Task A_stream_without_a_key_ends_unauthenticated()
    {
        await using var listener = GrpcListener.Open(cluster.HostA.GrpcAddress, key: null);

        Assert.Equal(StatusCode.Unauthenticated, (await listener.EndedAsync()).StatusCode);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("synap_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_stream_with_a_bad_key_ends_unauthenticated(string key)
    {
        await using var listener = GrpcListener.Open(cluster.HostA.GrpcAddress, key);

        var status = await listener.EndedAsync();

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
        Assert.Contains("INVALID_API_KEY", status.Detail);
    }

    [Fact]
    public async Task A_stream_with_a_revoked_key_ends_unauthenticated_and_takes_no_lease()
    {
        var api = cluster.HostA.Caller();
        var tenant = await ListenTenant.CreateAsync(api);
        var revoked = await api.Delete($"/dashboard/instances/{tenant.InstanceId}/api-keys/{tenant.CredentialId}");
        Assert.True(revoked.Code == 200, revoked.ToString());

        await using var listener = GrpcListener.Open(cluster.HostB.GrpcAddress, tenant.InstanceKey);

        Assert.Equal(StatusCode.Unauthenticated, (await listener.EndedAsync()).StatusCode);
        var second = await new Scenario(api).CreateInstanceKeyAsync(tenant.InstanceId);
        await using var live = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, second);
    }

    [Fact]
    public async Task A_client_key_is_refused_with_permission_denied()
    {
        var api = cluster.HostA.Caller();
        var tenant = await ListenTenant.CreateAsync(api);
        var clientKey = await new Scenario(api).CreateClientKeyAsync(tenant.ClientId);

        await using var listener = GrpcListener.Open(cluster.HostA.GrpcAddress, clientKey);

        Assert.Equal(StatusCode.PermissionDenied, (await listener.EndedAsync()).StatusCode);
    }

    [Fact]
    public async Task The_grpc_port_serves_no_rest_and_the_rest_port_serves_no_grpc()
    {
        var tenant = await ListenTenant.CreateAsync(cluster.HostA.Caller());
        using var http2 = new HttpClient
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var restOnGrpcPort = await http2.GetAsync(new Uri(cluster.HostA.GrpcAddress, "/health/live"));
        await using var grpcOnRestPort = GrpcListener.Open(new Uri($"http://127.0.0.1:{cluster.HostA.RestPort}"), tenant.InstanceKey);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, restOnGrpcPort.StatusCode);
        Assert.NotEqual(StatusCode.OK, (await grpcOnRestPort.EndedAsync()).StatusCode);
        await using var listener = await GrpcListener.OpenEstablishedAsync(cluster.HostA.GrpcAddress, tenant.InstanceKey);
    }
}
