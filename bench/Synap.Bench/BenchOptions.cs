namespace Synap.Bench;

/// <summary>
/// <c>--mode paths</c> (default): health vs admin read vs instance-key read at each of <c>--concurrency 16,32</c>.
/// <c>--mode guess</c>: <c>--guesses</c> requests with random well-formed keys, interleaved with health rounds, and
/// the server's RSS (<c>--server-pid</c>) before and after.
/// </summary>
public sealed record BenchOptions(string Url, string AdminKey, int[] Concurrencies, int Seconds, int Rounds, string Mode, int Guesses, int? ServerPid)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        var adminKey = Value("--admin-key", Environment.GetEnvironmentVariable("SYNAP_ADMIN_KEY") ?? "");
        if (adminKey.Length == 0)
            throw new ArgumentException("--admin-key (or SYNAP_ADMIN_KEY) is required");
        var pid = Value("--server-pid", "");
        return new BenchOptions(
            Value("--url", "http://127.0.0.1:5000"),
            adminKey,
            Value("--concurrency", "16,32").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Value("--seconds", "5")),
            int.Parse(Value("--rounds", "3")),
            Value("--mode", "paths"),
            int.Parse(Value("--guesses", "200000")),
            pid.Length > 0 ? int.Parse(pid) : null);
    }
}
