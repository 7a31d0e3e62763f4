namespace Synap.Grains.Listening;

/// <summary>Reasons of the <c>closing</c> signals the listener grain sends when it ends a stream.</summary>
public static class ListenCloseReasons
{
    /// <summary><c>DELETE /v1/instances/{id}/listen</c> (takeover).</summary>
    public const string ListenerStopped = "LISTENER_STOPPED";

    /// <summary>The instance is no longer active (suspended, archived, inactive).</summary>
    public const string InstanceNotActive = "INSTANCE_NOT_ACTIVE";

    /// <summary>The instance's client is no longer active.</summary>
    public const string ClientInactive = "CLIENT_INACTIVE";

    /// <summary>The key the stream was opened with was revoked.</summary>
    public const string KeyRevoked = "KEY_REVOKED";
}
