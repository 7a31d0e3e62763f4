namespace Synap.Faults;

/// <summary>An API node: its process, its HTTP client, and whether the driver has taken it down on purpose.</summary>
public sealed class ApiNode(NodeProcess process, Uri baseAddress) : IDisposable
{
    private double? downSince;

    public NodeProcess Process { get; } = process;

    public string Name => Process.Name;

    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        // A pooled connection to a node that was killed is dead; do not keep any for long.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        BaseAddress = baseAddress,
        // Longer than Orleans' 30 s response timeout: the server answers (503) before the caller gives up, so no attempt
        // is abandoned while the server still runs it and holds its Idempotency-Key.
        Timeout = TimeSpan.FromSeconds(35),
    };

    /// <summary>
    /// True from the moment the driver signals the node until it answers <c>/health/ready</c> again: refusals by a node
    /// that is deliberately absent are what a load balancer hides, so they do not count against time to full service.
    /// </summary>
    public bool IsTakenDownAt(double time) => downSince is { } since && time >= since;

    public void MarkDown() => downSince = Clock.Now;

    public void MarkUp() => downSince = null;

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => Http.Dispose();
}
