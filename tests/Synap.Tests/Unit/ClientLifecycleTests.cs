using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;

namespace Synap.Tests.Unit;

/// <summary>The client status machine of API.md §4, for every (from, to) pair.</summary>
public sealed class ClientLifecycleTests
{
    public static TheoryData<ClientStatus, ClientStatus, bool> EveryPair => new()
    {
        { ClientStatus.Active, ClientStatus.Active, true },
        { ClientStatus.Active, ClientStatus.Inactive, true },
        { ClientStatus.Active, ClientStatus.SoftDeleted, true },
        { ClientStatus.Inactive, ClientStatus.Active, true },
        { ClientStatus.Inactive, ClientStatus.Inactive, true },
        { ClientStatus.Inactive, ClientStatus.SoftDeleted, true },
        { ClientStatus.SoftDeleted, ClientStatus.Active, true },
        { ClientStatus.SoftDeleted, ClientStatus.Inactive, false },
        { ClientStatus.SoftDeleted, ClientStatus.SoftDeleted, true },
    };

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_status_change_is_allowed_exactly_when_the_contract_says_so(ClientStatus from, ClientStatus to, bool allowed)
    {
        Assert.Equal(allowed, ClientLifecycle.IsAllowed(from, to));
        Assert.Equal(allowed, ClientLifecycle.Check(from, to) is null);
    }

    [Fact]
    public void The_table_covers_every_pair_of_statuses()
    {
        var statuses = Enum.GetValues<ClientStatus>();

        var covered = EveryPair.Select(row => ((ClientStatus)row[0], (ClientStatus)row[1])).ToHashSet();

        Assert.Equal(statuses.Length * statuses.Length, covered.Count);
    }

    [Fact]
    public void A_refused_change_names_both_statuses_in_snake_case()
    {
        var failure = ClientLifecycle.Check(ClientStatus.SoftDeleted, ClientStatus.Inactive);

        Assert.NotNull(failure);
        Assert.Equal("INVALID_STATE_TRANSITION", failure.Code);
        Assert.Equal("soft_deleted", failure.Details["from"]);
        Assert.Equal("inactive", failure.Details["to"]);
    }
}
