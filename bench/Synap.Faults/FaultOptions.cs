using System.Globalization;

namespace Synap.Faults;

/// <summary>What scripts/faults.sh hands the driver: the published binaries, the PostgreSQL it started, where to keep logs and pids.</summary>
public sealed record FaultOptions(
    string SiloDll,
    string ApiDll,
    string PgScript,
    string PgDir,
    string Connection,
    string StateDir,
    double SteadySeconds,
    int WorkersPerNode,
    double OpsPerWorkerPerSecond,
    int ListenersPerNode,
    double BundlesPerSecond)
{
    public static FaultOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var v) && v.Length > 0
            ? v : throw new ArgumentException($"--{name} is required");
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new FaultOptions(
            Required("silo-dll"), Required("api-dll"), Required("pg-script"), Required("pg-dir"), Required("connection"),
            Required("state-dir"),
            SteadySeconds: Number("steady-seconds", 3),
            WorkersPerNode: (int)Number("workers-per-node", 4),
            OpsPerWorkerPerSecond: Number("ops-per-worker", 12),
            ListenersPerNode: (int)Number("listeners-per-node", 2),
            BundlesPerSecond: Number("bundles-per-second", 5));
    }
}
