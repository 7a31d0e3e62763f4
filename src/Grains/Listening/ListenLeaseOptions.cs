namespace Synap.Grains.Listening;

/// <summary>
/// Timing of the listen lease (API.md §10: released within 5 s of a stream's end, lapsing within 30 s when its node
/// dies). The holder renews every <see cref="RenewPeriod"/>; the grain counts the lease as held until
/// <see cref="Duration"/> after the last renewal, so one or two lost renewals do not end a live stream. Read by the
/// silo (expiry) and by the API node (renew timer); both must agree. Configuration section <c>Synap:ListenLease</c>.
/// </summary>
public sealed class ListenLeaseOptions
{
    public const string Section = "Synap:ListenLease";

    /// <summary>Default 10 s: how often the node holding a stream renews its lease (one grain call, no storage write).</summary>
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default 25 s: the lease lapses this long after its last renewal, well inside the 30 s the contract allows.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Default 2 s: how long the grain waits for the holder's node to take a bundle (queueing it is all the node does).
    /// A node that does not answer in time is taken for dead and its lease is dropped, so one dead node never stalls
    /// publishing. A killed node's gateway keeps its messages for a reconnect that never comes, so this is how long the
    /// first publish after a crash waits, and with it the agent's reconnect: the fault test measured 5.1 s of
    /// unreachable agent with 5 s here.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Null when valid, else what is wrong (a renewal must come well before the lease lapses).</summary>
    public string? Validate() =>
        RenewPeriod <= TimeSpan.Zero || Duration <= TimeSpan.Zero || DeliveryTimeout <= TimeSpan.Zero ? "RenewPeriod, Duration and DeliveryTimeout must be positive"
        : Duration <= RenewPeriod ? "Duration must be longer than RenewPeriod"
        : null;
}
