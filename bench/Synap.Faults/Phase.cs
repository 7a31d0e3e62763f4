namespace Synap.Faults;

/// <summary>
/// A stretch of the run: steady load, the fault, steady load. Operations belong to the phase they started in.
/// <see cref="QuietUntil"/> is when the next fault began (or the load stopped): failures up to then count against
/// this fault's time to full service.
/// </summary>
public sealed class Phase(string name, double start, ApiNode? sparedNode)
{
    public string Name { get; } = name;

    public double Start { get; } = start;

    public ApiNode? SparedNode { get; } = sparedNode;

    public double? FaultEnd { get; set; }

    public double End { get; set; }

    public double QuietUntil { get; set; }

    /// <summary>What went wrong beyond the measured figures (a graceful stop that was not), each a missed goal.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Facts worth printing under the table (how long a graceful stop took).</summary>
    public List<string> Notes { get; } = [];

    public bool Contains(double time) => time >= Start && time < End;
}
