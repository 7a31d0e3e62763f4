namespace Synap.Grains.Interfaces.Security;

/// <summary>Keys this service reads from and writes to Orleans <c>RequestContext</c>.</summary>
public static class RequestContextKeys
{
    /// <summary>The caller's correlation id (API.md §1); trusted back ends may set it before calling a grain.</summary>
    public const string CorrelationId = "synap.correlation-id";
}
