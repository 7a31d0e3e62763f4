using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// The built <c>Synap.Api.dll</c> run as its own process in standalone mode, configured only through API.md §13
/// environment variables, as an operator would start it. Disposing kills it if it still runs.
/// </summary>
public sealed class StandaloneProcess : IAsyncDisposable
{
    /// <summary>The ports of one standalone node; a restarted node keeps them, as a real one would.</summary>
    public sealed record Ports(int Http, int Silo, int Gateway, int Grpc)
    {
        public static Ports Pick()
        {
            var ports = StandaloneData.DistinctFreePorts(4);
            return new Ports(ports[0], ports[1], ports[2], ports[3]);
        }
    }

    // Configuration the test runner's own environment might carry and that would change what this node does.
    private static readonly string[] InheritedPrefixes = ["Synap__", "Orleans__", "ConnectionStrings__", "ASPNETCORE_", "DOTNET_URLS", "URLS"];

    // Killed when the test host exits, should a test be aborted before its own dispose runs.
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static StandaloneProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var orphan in Running.Values)
        {
            try
            {
                orphan.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly long startedAt;
    private readonly HttpClient http;

    private StandaloneProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        startedAt = Stopwatch.GetTimestamp();
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static string ApiAssembly => Path.Combine(AppContext.BaseDirectory, "Synap.Api.dll");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', lines);

    public static StandaloneProcess Start(StandaloneData data, Ports ports)
    {
        Assert.True(File.Exists(ApiAssembly), $"{ApiAssembly} is missing: the test project must reference src/Api");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = data.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{ports.Http}");
        foreach (var name in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            start.Environment.Remove(name);
        start.Environment["Synap__DataPath"] = data.DatabasePath;
        start.Environment["Orleans__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
        start.Environment["Synap__GrpcUrl"] = $"http://127.0.0.1:{ports.Grpc}";

        var process = new Process { StartInfo = start };
        var node = new StandaloneProcess(process, new Uri($"http://127.0.0.1:{ports.Http}"));
        process.OutputDataReceived += (_, e) => node.Record(e.Data);
        process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        Assert.True(process.Start(), "dotnet did not start");
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public ApiCaller Caller() => new(http);

    /// <summary>Polls <c>/health/ready</c> until it answers 200; returns the time from process start to ready.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "no answer yet";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the API process exited with {process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if ((int)response.StatusCode == 200)
                    return Stopwatch.GetElapsedTime(startedAt);
                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"/health/ready not 200 within {timeout.TotalSeconds:F0} s (last: {last}):\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like <c>kill -9</c>. Returns the exit code.</summary>
    public async Task<int> KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Running.TryRemove(process.Id, out _);
        return process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager or <c>docker stop</c> sends it. Returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the API process did not exit within {timeout.TotalSeconds:F0} s of SIGTERM:\n{Tail()}");
        }
        Running.TryRemove(process.Id, out _);
        return process.ExitCode;
    }

    public string Tail(int count = 40) => string.Join('\n', lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
                await KillAsync();
            Running.TryRemove(process.Id, out _);
        }
        finally
        {
            http.Dispose();
            process.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
            lines.Enqueue(line);
    }
}
