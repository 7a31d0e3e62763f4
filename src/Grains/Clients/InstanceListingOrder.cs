namespace Synap.Grains.Clients;

/// <summary>
/// A client's instances in listing order (oldest first, the id breaking ties), kept in memory by the client grain and
/// sorted again only after a change: a page of a client with 10 000 instances is then a slice of this array, where
/// sorting (or even walking) all 10 000 per request made a page of a big client twice as slow as one of a small client.
/// </summary>
public sealed class InstanceListingOrder
{
    /// <summary>Oldest first; the id breaks ties, so no two instances compare equal.</summary>
    public static readonly Comparer<InstanceListing> Order = Comparer<InstanceListing>.Create((a, b) =>
    {
        var byTime = a.Summary.CreatedAt.CompareTo(b.Summary.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Summary.Id, b.Summary.Id);
    });

    private Dictionary<string, InstanceListing>? sortedFrom;
    private InstanceListing[] ordered = [];

    /// <summary>To be called on every change of the dictionary; a dictionary replaced as a whole (a state read or put back) is noticed without it.</summary>
    public void Invalidate() => sortedFrom = null;

    public IReadOnlyList<InstanceListing> Of(Dictionary<string, InstanceListing> instances)
    {
        if (!ReferenceEquals(sortedFrom, instances))
        {
            ordered = instances.Values.Order(Order).ToArray();
            sortedFrom = instances;
        }
        return ordered;
    }
}
