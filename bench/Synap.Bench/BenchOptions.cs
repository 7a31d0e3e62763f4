namespace Synap.Bench;

public sealed record BenchOptions(string Url, string AdminKey, int Concurrency, int Seconds, int Rounds)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var adminKey = Value("--admin-key", Environment.GetEnvironmentVariable("SYNAP_ADMIN_KEY") ?? "");
        if (adminKey.Length == 0)
            throw new ArgumentException("--admin-key (or SYNAP_ADMIN_KEY) is required");
        return new BenchOptions(
            Value("--url", "http://127.0.0.1:5000"),
            adminKey,
            int.Parse(Value("--concurrency", "16")),
            int.Parse(Value("--seconds", "5")),
            int.Parse(Value("--rounds", "3")));
    }
}
