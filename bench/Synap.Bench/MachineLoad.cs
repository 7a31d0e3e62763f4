namespace Synap.Bench;

/// <summary>The 1-minute load average (Linux <c>/proc/loadavg</c>): the machine is shared, so every figure is quoted with it.</summary>
public static class MachineLoad
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
