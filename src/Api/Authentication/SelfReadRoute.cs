using Synap.Grains.Interfaces.Instances;

namespace Synap.Api.Authentication;

/// <summary>
/// Endpoint metadata of <c>GET /dashboard/instances/{instanceId}</c>: when the caller's key is an instance key of
/// that very instance, authentication asks the instance grain to authorize and read in one call
/// (<see cref="IInstanceGrain.AuthorizeAndGet"/>) and leaves the read here for the handler.
/// </summary>
public sealed class SelfReadRoute(string instanceIdRouteValue)
{
    private const string ReadItem = "synap.instance-self-read";

    public string InstanceIdRouteValue { get; } = instanceIdRouteValue;

    /// <summary>The instance read during authentication, if this request was an admitted self read of <paramref name="instanceId"/>.</summary>
    public static InstanceDetail? TakeRead(HttpContext http, string instanceId) =>
        http.Items[ReadItem] is InstanceDetail detail && detail.Id == instanceId ? detail : null;

    internal static void KeepRead(HttpContext http, InstanceDetail detail) => http.Items[ReadItem] = detail;
}
