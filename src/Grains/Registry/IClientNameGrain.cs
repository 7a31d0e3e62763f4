namespace Synap.Grains.Registry;

/// <summary>
/// One client name (key: <see cref="Clients.ClientNames.Key"/>, a hash of the trimmed upper-cased name): which
/// client holds it. One activation per name serialises every claim on that name, so of racing creates exactly one wins.
/// </summary>
[Alias("synap.client-name")]
public interface IClientNameGrain : IGrainWithStringKey
{
    /// <summary>Reserves the name for the client; idempotent for its holder (and cancels a pending release).</summary>
    [Alias("reserve")]
    Task<NameReservation> Reserve(string clientId);

    /// <summary>Flags the holder's reservation for release; false when the client does not hold the name.</summary>
    [Alias("mark-release-pending")]
    Task<bool> MarkReleasePending(string clientId);

    /// <summary>Frees the name if the client still holds it and has not reserved it again since it was flagged.</summary>
    [Alias("release-if-pending")]
    Task ReleaseIfPending(string clientId);

    /// <summary>Gives the name to <paramref name="clientId"/> if <paramref name="staleHolderId"/> holds it still flagged.</summary>
    [Alias("take-over-if-pending")]
    Task<bool> TakeOverIfPending(string staleHolderId, string clientId);

    /// <summary>Frees the name if the client holds it (a create that never reached its client).</summary>
    [Alias("release")]
    Task Release(string clientId);
}
