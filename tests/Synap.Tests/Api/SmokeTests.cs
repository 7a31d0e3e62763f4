using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

[Collection(ClusterCollection.Name)]
public sealed class SmokeTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_client_created_through_one_api_node_is_readable_through_the_other()
    {
        var api1 = cluster.Api1.Caller();
        var api2 = cluster.Api2.Caller();
        var clientId = await new Scenario(api1).CreateClientAsync();

        var read = await api2.Get($"/dashboard/clients/{clientId}");

        Assert.Equal(200, read.Code);
        Assert.Equal(clientId, read.Str("client_id"));
    }
}
