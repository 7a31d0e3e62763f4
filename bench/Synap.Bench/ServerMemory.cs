using System.Globalization;

namespace Synap.Bench;

/// <summary>The measured server's memory, read from /proc (Linux): the benches report RSS before and after a load.</summary>
public static class ServerMemory
{
    /// <summary>VmRSS of the process in MB; null without a pid or when the process is gone.</summary>
    public static double? RssMb(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
            return null;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
