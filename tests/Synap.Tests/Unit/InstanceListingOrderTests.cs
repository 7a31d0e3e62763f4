using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Tests.Unit;

/// <summary>The client grain's in-memory listing order: what a page is sliced from must never miss a change.</summary>
public sealed class InstanceListingOrderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);

    private static InstanceListing Listing(string id, int secondsAfterNow) =>
        new(new InstanceSummary(id, id, InstanceStatus.Active, "support", ConfigStatus.Active, Now.AddSeconds(secondsAfterNow), null), null);

    private static Dictionary<string, InstanceListing> Instances(params InstanceListing[] listings) =>
        listings.ToDictionary(l => l.Summary.Id);

    [Fact]
    public void Instances_are_ordered_oldest_first_with_the_id_breaking_ties()
    {
        var order = new InstanceListingOrder();

        var ordered = order.Of(Instances(Listing("inst_000000000000000c", 5), Listing("inst_000000000000000b", 0), Listing("inst_000000000000000a", 0)));

        Assert.Equal(["inst_000000000000000a", "inst_000000000000000b", "inst_000000000000000c"], ordered.Select(l => l.Summary.Id));
    }

    [Fact]
    public void A_change_announced_by_Invalidate_shows_in_the_next_order()
    {
        var order = new InstanceListingOrder();
        var instances = Instances(Listing("inst_0000000000000002", 2));
        order.Of(instances);

        instances["inst_0000000000000001"] = Listing("inst_0000000000000001", 1);
        order.Invalidate();

        Assert.Equal(["inst_0000000000000001", "inst_0000000000000002"], order.Of(instances).Select(l => l.Summary.Id));
    }

    [Fact]
    public void A_dictionary_replaced_as_a_whole_is_sorted_again_without_Invalidate()
    {
        var order = new InstanceListingOrder();
        order.Of(Instances(Listing("inst_0000000000000001", 1), Listing("inst_0000000000000002", 2)));

        var putBack = order.Of(Instances(Listing("inst_0000000000000001", 1)));

        Assert.Equal(["inst_0000000000000001"], putBack.Select(l => l.Summary.Id));
    }
}
