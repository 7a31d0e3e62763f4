using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Storage;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// A <see cref="TestCluster"/> whose silos use our PostgreSQL clustering and storage instead of the test
/// membership, over real sockets so API nodes can join it from outside, as in production.
/// </summary>
public static class PostgresTestCluster
{
    /// <param name="createSchemaFirst">False to let the silos create the schema themselves, as on a brand-new database.</param>
    public static async Task<TestCluster> StartAsync(SynapOrleansOptions options, short silos, bool createSchemaFirst = true)
    {
        if (createSchemaFirst)
            await PostgresSchema.EnsureCreatedAsync(options.ConnectionString!, CancellationToken.None);
        var builder = Builder(options, silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The builder without silo configurator, for fixtures that add their own (e.g. a fake clock).</summary>
    public static TestClusterBuilder Builder(SynapOrleansOptions options, short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = options.ClusterId;
        builder.Options.ServiceId = options.ServiceId;
        builder.Properties["ConnectionStrings:Synap"] = options.ConnectionString;
        builder.Properties["Orleans:ClusterId"] = options.ClusterId;
        builder.Properties["Orleans:ServiceId"] = options.ServiceId;
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder;
    }

    /// <summary>What every test silo runs: PostgreSQL membership, our storage and our grains' services.</summary>
    public static ISiloBuilder UseSynapTestSilo(this ISiloBuilder silo)
    {
        var options = SynapOrleansOptions.FromConfiguration(silo.Configuration);
        return silo.UseAdoNetClustering(clustering => (clustering.Invariant, clustering.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString))
            .AddSynapStorage(options)
            .AddSynapGrains();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.UseSynapTestSilo();
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseSynapClustering(SynapOrleansOptions.FromConfiguration(configuration))
                .AddMemoryStreams(InstanceEventStream.ProviderName);
    }
}
