using System.Globalization;

namespace Synap.Bench;

/// <summary>
/// Options of the gRPC listen modes: <c>pingpong</c> (ping → pong latency over <c>--concurrency 16,32</c> streams for
/// <c>--seconds</c> each) and <c>idle-streams</c> (<c>--streams</c> idle streams held open at once, server RSS of
/// <c>--server-pid</c> before and after). Instances and keys are made through the REST API (<c>--url</c>, admin key)
/// and kept in <c>--keys-file</c> so a rerun against the same server skips that.
/// </summary>
public sealed record GrpcBenchOptions(string Mode, string Url, string GrpcUrl, string AdminKey, int[] Concurrencies, int Seconds,
    int Streams, int? ServerPid, string KeysFile, int SetupConcurrency)
{
    public static GrpcBenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback) => BenchArgs.Value(args, name, fallback);
        var adminKey = Value("--admin-key", Environment.GetEnvironmentVariable("SYNAP_ADMIN_KEY") ?? "");
        if (adminKey.Length == 0)
            throw new ArgumentException("--admin-key (or SYNAP_ADMIN_KEY) is required");
        var pid = Value("--server-pid", "");
        return new GrpcBenchOptions(
            args[0],
            Value("--url", "http://127.0.0.1:5000"),
            Value("--grpc-url", "http://127.0.0.1:5001"),
            adminKey,
            Value("--concurrency", "16,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Value("--streams", "10000"), CultureInfo.InvariantCulture),
            pid.Length > 0 ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Value("--keys-file", Path.Combine(Path.GetTempPath(), "synap-bench-listen-keys.txt")),
            int.Parse(Value("--setup-concurrency", "16"), CultureInfo.InvariantCulture));
    }
}
