using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Net.Client;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// The built <c>Synap.Api.dll</c> joining a test cluster as an Orleans client in its own process, on its own REST and
/// gRPC loopback ports, configured through environment variables as an operator would. <see cref="KillAsync"/> is
/// <c>kill -9</c>: no shutdown code runs, so nothing is released. Disposing kills it if it still runs.
/// </summary>
public sealed class KestrelClusterProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly HttpClient rest;

    private KestrelClusterProcess(Process process, int restPort, int grpcPort)
    {
        this.process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{restPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri GrpcAddress { get; }

    public static KestrelClusterProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var ports = StandaloneData.DistinctFreePorts(2);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(StandaloneProcess.ApiAssembly);
        foreach (var name in start.Environment.Keys.Where(IsInheritedConfiguration).ToList())
            start.Environment.Remove(name);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Synap__AdminKey"] = SynapApiFactory.AdminKey;
        start.Environment["Urls"] = $"http://127.0.0.1:{ports[0]}";
        start.Environment["Synap__GrpcUrl"] = $"http://127.0.0.1:{ports[1]}";

        var process = new Process { StartInfo = start };
        var node = new KestrelClusterProcess(process, ports[0], ports[1]);
        process.OutputDataReceived += (_, e) => node.Record(e.Data);
        process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        Assert.True(process.Start(), "dotnet did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public async Task WaitUntilReadyAsync()
    {
        await BoundedWait.UntilAsync("API process ready", TimeSpan.FromSeconds(90), async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"exited with {process.ExitCode}:\n{Tail()}");
            return (int)(await rest.GetAsync("/health/ready")).StatusCode;
        }, code => code == 200, code => $"{code}\n{Tail()}");
    }

    public ApiCaller Caller() => new(rest);

    public GrpcChannel Channel() => GrpcChannel.ForAddress(GrpcAddress);

    /// <summary>SIGKILL, exactly like <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public string Tail(int count = 30) => string.Join('\n', lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            await KillAsync();
        rest.Dispose();
        process.Dispose();
    }

    private static bool IsInheritedConfiguration(string name) =>
        new[] { "Synap__", "Orleans__", "ConnectionStrings__", "ASPNETCORE_", "DOTNET_URLS", "URLS" }
            .Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private void Record(string? line)
    {
        if (line is not null)
            lines.Enqueue(line);
    }
}
