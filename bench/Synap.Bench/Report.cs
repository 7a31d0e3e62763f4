using System.Globalization;

namespace Synap.Bench;

public static class Report
{
    /// <summary>One markdown table; the first scenario is the baseline of the ratios.</summary>
    public static void Table(IReadOnlyDictionary<Scenario, List<RoundResult>> results)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| scenario | req/s (median of rounds) | ratio to health | p50 ms | p99 ms | p99 / health p99 | errors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        double? baseline = null;
        double? baselineP99 = null;
        foreach (var (scenario, rounds) in results)
        {
            var rate = Median(rounds.Select(r => r.RequestsPerSecond));
            var latencies = rounds.SelectMany(r => r.LatenciesMs).Order().ToArray();
            var p99 = Percentiles.Of(latencies, 0.99);
            baseline ??= rate;
            baselineP99 ??= p99;
            Console.WriteLine(string.Format(inv, "| {0} | {1:F0} | {2:F2} | {3:F2} | {4:F2} | {5:F1} | {6} |",
                scenario.Name, rate, rate / baseline, Percentiles.Of(latencies, 0.50), p99, p99 / baselineP99, rounds.Sum(r => r.Errors)));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
