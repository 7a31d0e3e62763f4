namespace Synap.Api.Listening;

/// <summary>Reasons of the signals the API node itself sends on a listen stream (the grain's own are in <c>ListenCloseReasons</c>).</summary>
public static class ListenReasons
{
    /// <summary>The node could not renew the lease, or another listener holds it now.</summary>
    public const string LeaseLost = "LEASE_LOST";

    /// <summary>The API node is shutting down gracefully; the agent should reconnect (to another node).</summary>
    public const string ShuttingDown = "SHUTTING_DOWN";

    /// <summary>The connection did not read its messages fast enough and its queue filled up.</summary>
    public const string SlowConsumer = "SLOW_CONSUMER";
}
