using System.Net;
using System.Net.Sockets;

namespace Synap.Faults;

/// <summary>
/// PostgreSQL, 2 silos and 2 API nodes (<c>Orleans:Mode=Client</c>) as real processes on loopback, on ports of their
/// own (free ports picked at start), so a run never collides with scripts/cluster.sh or the test suite.
/// </summary>
public sealed class Topology : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(40);

    private Topology(Postgres postgres, SiloNode[] silos, ApiNode[] apis)
    {
        Postgres = postgres;
        Silos = silos;
        Apis = apis;
    }

    public Postgres Postgres { get; }

    public SiloNode[] Silos { get; }

    public ApiNode[] Apis { get; }

    public static Topology Create(FaultOptions options, string adminKey)
    {
        Directory.CreateDirectory(Path.Combine(options.StateDir, "logs"));
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Synap"] = options.Connection,
            ["Orleans__ClusterId"] = $"synap-faults-{Guid.NewGuid():N}"[..24],
            ["Orleans__ServiceId"] = "synap-faults",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Synap__AdminKey"] = adminKey,
            ["Logging__LogLevel__Default"] = "Warning",
            // Start and stop of each process in its log, with times, to read a slow restart against the driver's output.
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Information",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__UseUtcTimestamp"] = "true",
        };
        Dictionary<string, string> With(params (string Key, string Value)[] extra)
        {
            var environment = new Dictionary<string, string>(common);
            foreach (var (key, value) in extra)
                environment[key] = value;
            return environment;
        }

        var silos = new[] { "silo1", "silo2" }.Select(name =>
        {
            int siloPort = FreePort(), gatewayPort = FreePort();
            var environment = With(("Orleans__SiloPort", Text(siloPort)), ("Orleans__GatewayPort", Text(gatewayPort)));
            return new SiloNode(new NodeProcess(name, options.SiloDll, environment, options.StateDir), gatewayPort);
        }).ToArray();
        var apis = new[] { "api1", "api2" }.Select(name =>
        {
            int httpPort = FreePort(), grpcPort = FreePort();
            var environment = With(("Orleans__Mode", "Client"), ("Urls", $"http://127.0.0.1:{httpPort}"),
                ("Synap__GrpcUrl", $"http://127.0.0.1:{grpcPort}"));
            return new ApiNode(new NodeProcess(name, options.ApiDll, environment, options.StateDir), new Uri($"http://127.0.0.1:{httpPort}"));
        }).ToArray();
        return new Topology(new Postgres(options.PgScript, options.PgDir), silos, apis);
    }

    /// <summary>Silos first (they create the tables and form the cluster), then the API nodes; returns once both answer ready.</summary>
    public async Task StartAsync()
    {
        foreach (var silo in Silos)
            silo.Process.Start();
        foreach (var silo in Silos)
            await WaitReadyAsync(silo);
        foreach (var api in Apis)
            api.Process.Start();
        foreach (var api in Apis)
            await WaitReadyAsync(api);
    }

    /// <summary>
    /// The order an operator stops in: API nodes, then silos (they write state as grains deactivate), then PostgreSQL.
    /// Returns the processes that ignored SIGTERM for <see cref="StopGrace"/> and had to be killed.
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        foreach (var api in Apis)
            api.MarkDown();
        var apis = await Task.WhenAll(Apis.Select(async a => (a.Name, Graceful: await a.Process.TerminateAsync(StopGrace))));
        var silos = await Task.WhenAll(Silos.Select(async s => (s.Name, Graceful: await s.Process.TerminateAsync(StopGrace))));
        await Postgres.StopAsync();
        return [.. apis.Concat(silos).Where(n => !n.Graceful).Select(n => n.Name)];
    }

    /// <summary>After a fault that went wrong: starts whatever is not running, so the next fault meets the full topology.</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var silo in Silos.Where(s => !s.Process.IsRunning))
        {
            silo.Process.Start();
            await WaitReadyAsync(silo);
        }
        foreach (var api in Apis.Where(a => !a.Process.IsRunning))
        {
            api.Process.Start();
            await WaitReadyAsync(api);
        }
    }

    public async Task WaitReadyAsync(SiloNode silo) =>
        await Poll.UntilAsync(async () => Alive(silo.Process) && await silo.IsReadyAsync(), StartPatience, $"{silo.Name}'s gateway");

    public async Task WaitReadyAsync(ApiNode api)
    {
        await Poll.UntilAsync(async () => Alive(api.Process) && await api.IsReadyAsync(), StartPatience, $"{api.Name}'s /health/ready");
        api.MarkUp();
    }

    public void Dispose()
    {
        foreach (var api in Apis)
            api.Dispose();
    }

    private static bool Alive(NodeProcess process) =>
        process.IsRunning ? true : throw new InvalidOperationException($"{process.Name} exited during start-up (see its log)");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
