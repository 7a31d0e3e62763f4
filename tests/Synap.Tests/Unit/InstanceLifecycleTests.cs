using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using static Synap.Grains.Instances.InstanceLifecycle;

namespace Synap.Tests.Unit;

/// <summary>The instance status machine of API.md §5, checked for every (route, from, to, admin or not) against explicit tables.</summary>
public sealed class InstanceLifecycleTests
{
    private static readonly InstanceStatus[] Order =
        [InstanceStatus.Provisioning, InstanceStatus.Active, InstanceStatus.Inactive, InstanceStatus.Suspended, InstanceStatus.Archived];

    // Rows: from; columns: to; both in the order provisioning, active, inactive, suspended, archived.
    // "=" same status (allowed, a no-op), "+" allowed for any caller, "A" admin only, "x" INVALID_STATE_TRANSITION.
    private static readonly Dictionary<Route, string[]> Expected = new()
    {
        [Route.Patch] =
        [
            "= x x x x",
            "x = + A x",
            "x + = A x",
            "x A x = x",
            "x x x x x",
        ],
        [Route.Init] =
        [
            "= + x x x",
            "x = x x x",
            "x x = x x",
            "x x x = x",
            "x x x x x",
        ],
        [Route.Archive] =
        [
            "= x x x +",
            "x = x x +",
            "x x = x +",
            "x x x = +",
            "x x x x x",
        ],
    };

    public static TheoryData<Route, InstanceStatus, InstanceStatus, bool, string> EveryCombination()
    {
        var data = new TheoryData<Route, InstanceStatus, InstanceStatus, bool, string>();
        foreach (var (route, rows) in Expected)
            for (var from = 0; from < Order.Length; from++)
            {
                var cells = rows[from].Split(' ');
                for (var to = 0; to < Order.Length; to++)
                    foreach (var isAdmin in new[] { false, true })
                        data.Add(route, Order[from], Order[to], isAdmin, cells[to] switch
                        {
                            "=" or "+" => "allowed",
                            "A" => isAdmin ? "allowed" : ErrorCodes.AdminRequired,
                            _ => ErrorCodes.InvalidStateTransition,
                        });
            }
        return data;
    }

    [Fact]
    public void The_tables_cover_every_route_status_pair_and_caller()
    {
        Assert.Equal(Enum.GetValues<Route>().Length * Order.Length * Order.Length * 2, EveryCombination().Count());
        Assert.Equal(Enum.GetValues<InstanceStatus>().Order(), Order.Order());
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Check_matches_the_lifecycle_table(Route route, InstanceStatus from, InstanceStatus to, bool isAdmin, string expected)
    {
        var failure = Check(from, to, route, isAdmin);

        Assert.Equal(expected, failure?.Code ?? "allowed");
        if (expected == ErrorCodes.InvalidStateTransition)
        {
            Assert.Equal(Snake(from), failure!.Details["from"]);
            Assert.Equal(Snake(to), failure.Details["to"]);
        }
        if (expected == ErrorCodes.AdminRequired)
            Assert.Equal("status", failure!.Details["field"]);
    }

    private static string Snake(InstanceStatus status) => status.ToString().ToLowerInvariant();
}
