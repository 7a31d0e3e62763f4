namespace Synap.Bench;

/// <summary>One <see cref="HttpClient"/> per API node named in <c>--urls u1,u2</c> (cluster mode: the bench spreads its load over them).</summary>
public static class ApiNodes
{
    public static HttpClient[] Connect(string[] args, int maxConnections) =>
        BenchArgs.Value(args, "--urls", "http://127.0.0.1:5000").Split(',')
            .Select(url => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections }) { BaseAddress = new Uri(url) })
            .ToArray();

    public static int[] Concurrencies(string[] args) =>
        BenchArgs.Value(args, "--concurrency", "16,32").Split(',').Select(int.Parse).ToArray();
}
