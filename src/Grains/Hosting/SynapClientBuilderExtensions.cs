using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Synap.Grains.Storage;

namespace Synap.Grains.Hosting;

/// <summary>Configuration of an Orleans client that joins a Synap cluster.</summary>
public static class SynapClientBuilderExtensions
{
    /// <summary>
    /// The cluster identity and ADO.NET clustering on PostgreSQL, so the client finds the silos' gateways in the
    /// membership table. Creates the schema while connecting, since the client may start before any silo.
    /// </summary>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    public static IClientBuilder UseSynapClustering(this IClientBuilder builder, SynapOrleansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ConnectionString ?? throw new InvalidOperationException(
            "An Orleans client finds the cluster through PostgreSQL: set ConnectionStrings:Synap.");

        builder
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            })
            .UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgresSchema.Invariant;
                clustering.ConnectionString = connectionString;
            });

        builder.Services.AddSingleton<IGatewayListProvider>(provider => new SchemaEnsuringGatewayListProvider(
            connectionString, ActivatorUtilities.CreateInstance<AdoNetGatewayListProvider>(provider)));
        return builder;
    }
}
