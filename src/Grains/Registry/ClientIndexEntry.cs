using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Registry;

/// <summary>
/// What the client index keeps of one client: enough to order, count and filter the admin listing and to find
/// the name it reserved. Never the client's <c>context</c>, description or website (the page reads those from
/// the client grains), so an entry stays small whatever the client holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.client-index-entry.v1")]
public sealed record ClientIndexEntry(
    [property: Id(0)] string ClientId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] ClientStatus Status,
    [property: Id(3)] string NameKey)
{
    public static ClientIndexEntry Of(ClientView view) =>
        new(view.ClientId, view.CreatedAt, view.Status, ClientNames.Key(view.Name));

    /// <summary>The listing order of API.md §1: <c>created_at</c> ascending, then id.</summary>
    public static int CompareOrder(ClientIndexEntry a, ClientIndexEntry b)
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.ClientId, b.ClientId);
    }
}
