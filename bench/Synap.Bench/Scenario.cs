namespace Synap.Bench;

/// <summary>One kind of request; with <see cref="NewKey"/> every request presents a fresh key instead of <see cref="Key"/>.</summary>
public sealed record Scenario(string Name, string Path, string? Key, Func<string>? NewKey = null);

public sealed record RoundResult(long Requests, long Errors, double Seconds, double[] LatenciesMs, IReadOnlyDictionary<int, long> Statuses)
{
    public double RequestsPerSecond => Requests / Seconds;
}
