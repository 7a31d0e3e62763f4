using System.Diagnostics;

namespace Synap.Faults;

/// <summary>
/// One silo or API process of the topology, started with <c>dotnet DLL</c> and its configuration as environment
/// variables. Its pid is kept in <c>STATE/NAME.pid</c> so scripts/faults.sh can kill what is left if the driver dies.
/// </summary>
public sealed class NodeProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, string stateDir)
{
    private Process? process;

    public string Name { get; } = name;

    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => process is { HasExited: false };

    public void Start()
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} already runs (pid {process!.Id})");
        var log = Path.Combine(stateDir, "logs", Name + ".log");
        // exec: the pid we hold is dotnet's own, so signals reach the node and not a shell.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", dll, log })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        File.AppendAllText(log, $"==== faults: start {Name} at {DateTime.UtcNow:O}{Environment.NewLine}");
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
        File.WriteAllText(Path.Combine(stateDir, Name + ".pid"), process.Id + Environment.NewLine);
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        var p = process ?? throw new InvalidOperationException($"{Name} was never started");
        p.Kill();
        await p.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/> for a graceful exit; false when it had to be killed.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        var p = process;
        if (p is null || p.HasExited)
            return true;
        Signals.Terminate(p.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            await p.WaitForExitAsync();
            return false;
        }
    }
}
