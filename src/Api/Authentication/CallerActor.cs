using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Authentication;

/// <summary>The authenticated caller of the current request, set once by the authentication handler.</summary>
public static class CallerActor
{
    private const string ActorKey = "synap.actor";
    private const string AuthorizationKey = "synap.key-authorization";

    public static Actor Actor(this HttpContext http) =>
        http.Items[ActorKey] as Actor ?? throw new InvalidOperationException("The route is not authenticated.");

    /// <summary>The key's authorization (null for the admin key, which has no bucket).</summary>
    public static KeyAuthorization? KeyAuthorization(this HttpContext http) => http.Items[AuthorizationKey] as KeyAuthorization;

    internal static void SetActor(this HttpContext http, Actor actor) => http.Items[ActorKey] = actor;

    internal static void SetKeyAuthorization(this HttpContext http, KeyAuthorization authorization)
    {
        http.Items[AuthorizationKey] = authorization;
        http.SetActor(authorization.Actor);
    }
}
