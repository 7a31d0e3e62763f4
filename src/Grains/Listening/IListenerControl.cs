using Orleans.Concurrency;

namespace Synap.Grains.Listening;

/// <summary>
/// The listener grain's side of its coordination with the instance grain, inside the silo only. One-way: the instance
/// grain (whose calls queue behind each other) never waits for a listener that is busy delivering.
/// </summary>
[Alias("synap.listener-control")]
public interface IListenerControl : IGrainWithStringKey
{
    /// <summary>Keys of the instance were revoked (after the instance's own write): a stream opened with one of them ends (<c>KEY_REVOKED</c>).</summary>
    [OneWay, Alias("keys-revoked")]
    Task KeysRevoked(IReadOnlyList<string> credentialIds);

    /// <summary>Ends the stream if the standing held now no longer allows it (sent by the listener to itself after a standing change).</summary>
    [OneWay, Alias("enforce-standing")]
    Task EnforceStanding();

    /// <summary>The <c>context_used</c> / <c>context_assembled</c> counts since the grain activated (in memory only).</summary>
    [AlwaysInterleave, Alias("telemetry-counts")]
    Task<IReadOnlyDictionary<string, long>> GetTelemetryCounts();

    /// <summary>Instance reset (API.md §5): deletes the recorded events and zeroes the counters; the lease and the bundle order stay.</summary>
    [Alias("reset")]
    Task Reset();
}
