using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Storage;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// Like <see cref="PostgresTestCluster"/>, but the test creates no schema first: the silos must create it
/// themselves as they start (API.md §13), as they do on a brand-new production database.
/// </summary>
public static class BareDatabaseCluster
{
    public static async Task<TestCluster> StartAsync(SynapOrleansOptions options, short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = options.ClusterId;
        builder.Options.ServiceId = options.ServiceId;
        builder.Properties["ConnectionStrings:Synap"] = options.ConnectionString;
        builder.Properties["Orleans:ClusterId"] = options.ClusterId;
        builder.Properties["Orleans:ServiceId"] = options.ServiceId;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var options = SynapOrleansOptions.FromConfiguration(silo.Configuration);
            silo.UseAdoNetClustering(clustering => (clustering.Invariant, clustering.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString))
                .AddSynapStorage(options)
                .AddSynapGrains();
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseSynapClustering(SynapOrleansOptions.FromConfiguration(configuration));
    }
}
