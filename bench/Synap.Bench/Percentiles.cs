namespace Synap.Bench;

/// <summary>Nearest-rank percentiles of latencies already sorted ascending; 0 for no samples.</summary>
public static class Percentiles
{
    public static double Of(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
