using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Authentication;

/// <summary>The authenticated caller of the current request, set once by the authentication handler.</summary>
public static class CallerActor
{
    private const string ItemKey = "synap.actor";

    public static Actor Actor(this HttpContext http) =>
        http.Items[ItemKey] as Actor ?? throw new InvalidOperationException("The route is not authenticated.");

    internal static void SetActor(this HttpContext http, Actor actor) => http.Items[ItemKey] = actor;
}
