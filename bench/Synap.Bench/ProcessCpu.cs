using System.Globalization;

namespace Synap.Bench;

/// <summary>
/// CPU time used by groups of the bench's server processes (Linux /proc), each process counted with its descendants
/// (PostgreSQL's backends are children of its postmaster). Given as <c>--cpu silos:PID+PID,api:PID+PID,postgres:PID</c>;
/// the bench's own process is added as <c>bench</c>. A load's CPU milliseconds per request tell where the time goes even when other work on a shared machine slows
/// everything down.
/// </summary>
public sealed class ProcessCpu(IReadOnlyList<(string Name, int[] Pids)> groups)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    public IEnumerable<string> Names => groups.Select(g => g.Name);

    public static ProcessCpu Parse(string[] args) => new(BenchArgs.Value(args, "--cpu", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(group => group.Split(':'))
        .Select(parts => (parts[0], parts[1].Split('+').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()))
        .Append(("bench", [Environment.ProcessId]))
        .ToList());

    /// <summary>CPU seconds used so far by each group, in the order given.</summary>
    public double[] Seconds()
    {
        var processes = Directory.EnumerateDirectories("/proc").Select(d => Stat(Path.GetFileName(d))).OfType<(int Pid, int Parent, long Ticks)>().ToList();
        return groups.Select(g => Tree(processes, g.Pids).Sum(p => p.Ticks) / TicksPerSecond).ToArray();
    }

    private static IEnumerable<(int Pid, int Parent, long Ticks)> Tree(List<(int Pid, int Parent, long Ticks)> all, int[] roots)
    {
        var members = new HashSet<int>(roots);
        for (var added = true; added;)
        {
            added = false;
            foreach (var p in all)
                if (!members.Contains(p.Pid) && members.Contains(p.Parent))
                    added = members.Add(p.Pid);
        }
        return all.Where(p => members.Contains(p.Pid));
    }

    private static (int, int, long)? Stat(string name)
    {
        if (!int.TryParse(name, out var pid))
            return null;
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // After the ")" closing the command name: state ppid ... utime(14) stime(15), counted from field 3.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
