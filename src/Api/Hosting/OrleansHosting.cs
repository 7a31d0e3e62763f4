using Orleans.Configuration;
using Synap.Grains.Common;
using Synap.Grains.Hosting;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Telemetry;

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
            builder.UseOrleansClient(client => client.UseSynapClustering(options).UseConnectionRetryFilter(RetryConnecting())
                .AddMemoryStreams(InstanceEventStream.ProviderName).AddSynapTelemetry());
        }
        else
            throw new InvalidOperationException($"Orleans:Mode must be Standalone or Client, not '{mode}'.");
        return builder;
    }

    private static readonly TimeSpan ConnectPatience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An API node may start before the silos, so it keeps trying for a while; after <see cref="ConnectPatience"/>
    /// it gives up and the process exits with the error rather than hanging unnoticed.
    /// </summary>
    private static Func<Exception, CancellationToken, Task<bool>> RetryConnecting()
    {
        var deadline = DateTime.UtcNow + ConnectPatience;
        return async (_, cancellationToken) =>
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return !cancellationToken.IsCancellationRequested;
        };
    }
}
