using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Synap.Grains.Common;
using Synap.Grains.Hosting;

namespace Synap.Bench;

/// <summary>
/// A Synap silo hosted inside the bench process, so a bench can call grains without a network hop or read the silo's
/// own heap: standalone SQLite at <paramref name="dataPath"/>, or PostgreSQL when <c>ConnectionStrings__Synap</c> is set.
/// </summary>
public static class InProcessSilo
{
    public static (IHost Host, SynapOrleansOptions Options) Build(string[] args, string clusterId, string dataPath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Synap:DataPath"] = dataPath,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = BenchArgs.Value(args, "--silo-port", "11411"),
            ["Orleans:GatewayPort"] = BenchArgs.Value(args, "--gateway-port", "30400"),
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = SynapOrleansOptions.FromConfiguration(builder.Configuration);
        builder.UseOrleans(silo => silo.UseSynapClustering(options).AddSynapStorage(options).AddSynapGrains());
        return (builder.Build(), options);
    }
}
