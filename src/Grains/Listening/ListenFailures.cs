using System.Globalization;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Listening;

/// <summary>The listen contract's 409s (API.md §10).</summary>
public static class ListenFailures
{
    /// <summary>Another listener holds the lease: who, since when, and when the lease lapses if its holder stops renewing.</summary>
    public static Failure AlreadyActive(ListenLease lease) =>
        Failure.Of(ErrorCodes.ListeningAlreadyActive, "Another listener holds this instance's listen stream",
            ("listener_id", lease.ListenerId),
            ("since", Timestamp(lease.Since)),
            ("last_heartbeat_at", Timestamp(lease.LastHeartbeatAt)),
            ("transport", FieldRules.ToSnakeCase(lease.Transport)),
            ("lease_expires_at", Timestamp(lease.LeaseExpiresAt)));

    public static Failure NotActive(string instanceId) =>
        Failure.Of(ErrorCodes.ListeningNotActive, "No listener is connected to this instance", ("instance_id", instanceId));

    /// <summary>API.md §1 time: ISO 8601 UTC with <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
