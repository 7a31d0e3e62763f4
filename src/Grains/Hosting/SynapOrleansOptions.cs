using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Synap.Grains.Hosting;

/// <summary>
/// How a Synap process hosts or joins Orleans (API.md §13). The defaults run one standalone node on loopback.
/// </summary>
public sealed class SynapOrleansOptions
{
    /// <summary>
    /// <c>ConnectionStrings:Synap</c>, an Npgsql connection string. When set, clustering, grain state and reminders
    /// live in PostgreSQL. Default: unset, which means standalone (SQLite grain state at <see cref="DataPath"/>,
    /// localhost clustering, in-memory reminders).
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary><c>Synap:DataPath</c>, the standalone SQLite file. Default: <c>data/synap.db</c> under the working directory.</summary>
    public string DataPath { get; init; } = "data/synap.db";

    /// <summary><c>Orleans:ClusterId</c>. Default: <c>synap-dev</c>.</summary>
    public string ClusterId { get; init; } = "synap-dev";

    /// <summary><c>Orleans:ServiceId</c>, part of every stored state and reminder key. Default: <c>synap</c>.</summary>
    public string ServiceId { get; init; } = "synap";

    /// <summary><c>Orleans:SiloPort</c>, silo-to-silo traffic. Default: 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary><c>Orleans:GatewayPort</c>, where Orleans clients connect. Default: 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary><c>Orleans:AdvertisedIP</c>, the address a silo publishes to the cluster. Default: 127.0.0.1.</summary>
    public IPAddress AdvertisedIP { get; init; } = IPAddress.Loopback;

    /// <summary>True when no connection string is configured.</summary>
    public bool IsStandalone => ConnectionString is null;

    /// <summary>Reads the options from configuration; a malformed value fails with a message naming its key.</summary>
    public static SynapOrleansOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new SynapOrleansOptions();

        var options = new SynapOrleansOptions
        {
            ConnectionString = NullIfBlank(configuration.GetConnectionString("Synap")),
            DataPath = Path.GetFullPath(NullIfBlank(configuration["Synap:DataPath"]) ?? defaults.DataPath),
            ClusterId = NullIfBlank(configuration["Orleans:ClusterId"]) ?? defaults.ClusterId,
            ServiceId = NullIfBlank(configuration["Orleans:ServiceId"]) ?? defaults.ServiceId,
            SiloPort = ReadPort(configuration, "Orleans:SiloPort", defaults.SiloPort),
            GatewayPort = ReadPort(configuration, "Orleans:GatewayPort", defaults.GatewayPort),
            AdvertisedIP = ReadAddress(configuration, "Orleans:AdvertisedIP", defaults.AdvertisedIP),
        };

        if (options.SiloPort == options.GatewayPort)
        {
            throw new InvalidOperationException(
                $"Orleans:SiloPort and Orleans:GatewayPort must differ; both are {options.SiloPort}.");
        }

        return options;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int ReadPort(IConfiguration configuration, string key, int defaultPort)
    {
        var raw = NullIfBlank(configuration[key]);
        if (raw is null)
        {
            return defaultPort;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{key} must be a port number from 1 to 65535; got '{raw}'.");
    }

    private static IPAddress ReadAddress(IConfiguration configuration, string key, IPAddress defaultAddress)
    {
        var raw = NullIfBlank(configuration[key]);
        if (raw is null)
        {
            return defaultAddress;
        }

        return IPAddress.TryParse(raw, out var address)
            ? address
            : throw new InvalidOperationException($"{key} must be an IP address; got '{raw}'.");
    }
}
