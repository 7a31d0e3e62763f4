using System.Diagnostics;

namespace Synap.Faults;

/// <summary>The throwaway PostgreSQL scripts/faults.sh started with scripts/pg.sh; the driver stops and starts it in place.</summary>
public sealed class Postgres(string pgScript, string pgDir)
{
    /// <summary>Fast shutdown (SIGINT to the postmaster), waiting until it is gone; the data directory stays.</summary>
    public async Task StopAsync()
    {
        var pidFile = Path.Combine(pgDir, "data", "postmaster.pid");
        var pid = int.Parse(File.ReadLines(pidFile).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Signals.Interrupt(pid);
        await Poll.UntilAsync(() => !Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(30), "PostgreSQL to stop");
    }

    /// <summary>Starts the stopped cluster again on its port (pg.sh waits until it accepts connections).</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(pgScript) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("start");
        start.ArgumentList.Add(pgDir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg.sh did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg.sh start failed ({process.ExitCode}): {await errors}{await output}");
    }
}
