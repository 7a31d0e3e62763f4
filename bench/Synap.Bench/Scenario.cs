namespace Synap.Bench;

public sealed record Scenario(string Name, string Path, string? Key);

public sealed record RoundResult(long Requests, long Errors, double Seconds, double[] LatenciesMs)
{
    public double RequestsPerSecond => Requests / Seconds;
}
