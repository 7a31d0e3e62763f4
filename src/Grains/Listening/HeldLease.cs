using Synap.Grains.Interfaces.Listening;

namespace Synap.Grains.Listening;

/// <summary>The lease as the listener grain holds it in memory: the public view plus where its connection lives.</summary>
public sealed record HeldLease(ListenLease Lease, IListenObserver Observer)
{
    public string ListenerId => Lease.ListenerId;

    /// <summary>Whether the holder renewed recently enough: past <see cref="ListenLease.LeaseExpiresAt"/> it is taken for dead.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now < Lease.LeaseExpiresAt;

    public HeldLease RenewedAt(DateTimeOffset now, TimeSpan duration) =>
        this with { Lease = Lease with { LastHeartbeatAt = now, LeaseExpiresAt = now + duration } };

    /// <summary>
    /// A lease read back from storage by a new activation: the holder may well be alive (only the grain's silo went
    /// away), so it counts as renewed now; a live holder's next renewal confirms it, a dead one lets it lapse.
    /// </summary>
    public static HeldLease? Restore(ListenerState state, DateTimeOffset now, TimeSpan duration) =>
        state is { ListenerId: { } id, Observer: { } observer }
            ? new HeldLease(new ListenLease(id, state.Transport, state.Since, now, now + duration, state.CredentialId), observer)
            : null;
}
