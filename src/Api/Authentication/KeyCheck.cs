using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Authentication;

/// <summary>
/// The answer of <see cref="KeyAuthenticator"/>. <see cref="KeyHash"/> is kept for an authorized key so that a
/// long-lived stream can charge the same key's bucket again for each message it carries.
/// </summary>
public sealed record KeyCheck(
    KeyCheckStatus Status,
    KeyAuthorization? Authorization = null,
    string? KeyHash = null,
    Failure? Failure = null,
    TimeSpan? RetryAfter = null)
{
    public static KeyCheck Missing { get; } = new(KeyCheckStatus.Missing);

    public static KeyCheck Admin { get; } = new(KeyCheckStatus.Admin);

    /// <summary>The authenticated caller: the admin, or the key's actor (null when not authenticated).</summary>
    public Actor? Actor => Status == KeyCheckStatus.Admin ? Grains.Interfaces.Security.Actor.Admin : Authorization?.Actor;
}
