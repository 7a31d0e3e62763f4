using Orleans.Configuration;
using Synap.Grains.Common;
using Synap.Grains.Hosting;

namespace Synap.Api.Hosting;

/// <summary>API.md §13 <c>Orleans:Mode</c>: co-host a silo (standalone) or join a cluster of separate silos as a client.</summary>
public static partial class OrleansHosting
{
    public static WebApplicationBuilder AddSynapOrleans(this WebApplicationBuilder builder)
    {
        var options = SynapOrleansOptions.FromConfiguration(builder.Configuration);
        var mode = builder.Configuration["Orleans:Mode"] ?? "Standalone";
        if (mode.Equals("Standalone", StringComparison.OrdinalIgnoreCase))
            builder.UseOrleans(silo => silo.UseSynapClustering(options).AddSynapStorage(options).AddSynapGrains());
        else if (mode.Equals("Client", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Orleans:Mode=Client needs ConnectionStrings:Synap (the cluster's PostgreSQL).");
            builder.UseOrleansClient(client => client.UseSynapClustering(options).UseConnectionRetryFilter(RetryConnectingAsync));
        }
        else
            throw new InvalidOperationException($"Orleans:Mode must be Standalone or Client, not '{mode}'.");
        return builder;
    }

    /// <summary>An API node may start before any silo: keep trying, so start order never matters.</summary>
    private static async Task<bool> RetryConnectingAsync(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
