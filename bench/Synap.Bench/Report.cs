using System.Globalization;

namespace Synap.Bench;

public static class Report
{
    public static void Print(IReadOnlyDictionary<Scenario, List<RoundResult>> results, BenchOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"concurrency {options.Concurrency}, {options.Rounds} interleaved rounds of {options.Seconds} s each, {options.Url}");
        Console.WriteLine();
        Console.WriteLine("| scenario | req/s (median of rounds) | ratio to health | p50 ms | p99 ms | errors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        double? baseline = null;
        foreach (var (scenario, rounds) in results)
        {
            var rate = Median(rounds.Select(r => r.RequestsPerSecond));
            baseline ??= rate;
            var latencies = rounds.SelectMany(r => r.LatenciesMs).Order().ToArray();
            Console.WriteLine(string.Format(inv, "| {0} | {1:F0} | {2:F2} | {3:F2} | {4:F2} | {5} |",
                scenario.Name, rate, rate / baseline, Percentile(latencies, 0.50), Percentile(latencies, 0.99), rounds.Sum(r => r.Errors)));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
