using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit;

/// <summary>The pure rules behind <c>PATCH /dashboard/clients/{id}</c>: scopes, all-or-nothing, no-ops, tiers and names.</summary>
public sealed class ClientUpdateTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Created.AddHours(1);
    private static readonly Actor ClientKey = Actor.ForClientKey("cred_000000000001", "cli_0000000000000001");

    private static ClientView Client(ClientStatus status = ClientStatus.Active, ClientTier tier = ClientTier.Free, int perMinute = 60, int burst = 10) =>
        new("cli_0000000000000001", "Acme", null, null, JsonText.EmptyObject, status, tier, perMinute, burst, 0, Created, Created);

    private static Optional<T> Set<T>(T value) => new(value);

    [Fact]
    public void A_client_key_may_change_name_website_description_and_context()
    {
        var command = new UpdateClientCommand(Name: Set<string?>(" Acme Two "), Website: Set<string?>("https://a.example"),
            Description: Set<string?>("d"), Context: Set<JsonText?>(new JsonText("""{"a":1}""")));

        var updated = ClientUpdate.Apply(Client(), command, ClientKey, Now);

        Assert.Null(updated.Error);
        Assert.Equal("Acme Two", updated.Value!.Name);
        Assert.Equal("https://a.example", updated.Value.Website);
        Assert.Equal("d", updated.Value.Description);
        Assert.Equal("""{"a":1}""", updated.Value.Context.Json);
        Assert.Equal(Now, updated.Value.UpdatedAt);
        Assert.Equal(Created, updated.Value.CreatedAt);
    }

    public static TheoryData<UpdateClientCommand, string> AdminOnly => new()
    {
        { new UpdateClientCommand(Status: Set<string?>("inactive")), "status" },
        { new UpdateClientCommand(Tier: Set<string?>("pro")), "tier" },
        { new UpdateClientCommand(RateLimitPerMinute: Set<long?>(100)), "rate_limit_per_minute" },
        { new UpdateClientCommand(Burst: Set<long?>(5)), "burst" },
        { new UpdateClientCommand(Name: Set<string?>("ok"), Status: Set<string?>("active")), "status" },
    };

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public void Status_tier_and_limits_from_a_client_key_are_admin_required(UpdateClientCommand command, string field)
    {
        var updated = ClientUpdate.Apply(Client(), command, ClientKey, Now);

        Assert.Equal("ADMIN_REQUIRED", updated.Error?.Code);
        Assert.Equal(field, updated.Error!.Details["field"]);
    }

    [Fact]
    public void A_patch_that_changes_nothing_returns_the_client_as_it_was()
    {
        var current = Client();

        var updated = ClientUpdate.Apply(current, new UpdateClientCommand(Name: Set<string?>("Acme"), Status: Set<string?>("active")), Actor.Admin, Now);

        Assert.Same(current, updated.Value);
    }

    [Fact]
    public void One_invalid_field_fails_the_whole_patch()
    {
        var command = new UpdateClientCommand(Name: Set<string?>("Renamed"), Tier: Set<string?>("enterprise"));

        var updated = ClientUpdate.Apply(Client(), command, Actor.Admin, Now);

        Assert.Equal("INVALID_INPUT", updated.Error?.Code);
        Assert.Equal("rate_limit_per_minute", updated.Error!.Details["field"]);
    }

    [Fact]
    public void An_illegal_status_change_is_an_invalid_state_transition()
    {
        var updated = ClientUpdate.Apply(Client(ClientStatus.SoftDeleted), new UpdateClientCommand(Status: Set<string?>("inactive")), Actor.Admin, Now);

        Assert.Equal("INVALID_STATE_TRANSITION", updated.Error?.Code);
    }

    [Fact]
    public void An_enterprise_client_keeps_its_other_limit_when_one_changes()
    {
        var enterprise = Client(tier: ClientTier.Enterprise, perMinute: 1000, burst: 100);

        var updated = ClientUpdate.Apply(enterprise, new UpdateClientCommand(Burst: Set<long?>(150)), Actor.Admin, Now);

        Assert.Equal((ClientTier.Enterprise, 1000, 150), (updated.Value!.Tier, updated.Value.RateLimitPerMinute, updated.Value.Burst));
    }

    [Theory]
    [InlineData(ClientTier.Free, 60, 10)]
    [InlineData(ClientTier.Pro, 600, 50)]
    public void Fixed_tiers_have_the_contract_limits(ClientTier tier, int perMinute, int burst)
    {
        Assert.Equal((perMinute, burst), TierLimits.For(tier));
        Assert.Equal((perMinute, burst), TierLimits.Resolve(tier, null, null, current: null).Value);
    }

    [Theory]
    [InlineData(null, 10L, "rate_limit_per_minute")]
    [InlineData(100L, null, "burst")]
    [InlineData(0L, 10L, "rate_limit_per_minute")]
    [InlineData(100L, -1L, "burst")]
    [InlineData(3_000_000_000L, 10L, "rate_limit_per_minute")]
    public void The_enterprise_tier_needs_both_limits_as_positive_32_bit_integers(long? perMinute, long? burst, string field)
    {
        var resolved = TierLimits.Resolve(ClientTier.Enterprise, perMinute, burst, current: null);

        Assert.Equal("INVALID_INPUT", resolved.Error?.Code);
        Assert.Equal(field, resolved.Error!.Details["field"]);
    }

    [Theory]
    [InlineData("Acme", "acme", true)]
    [InlineData(" Acme ", "ACME", true)]
    [InlineData("Acme", "Acme Inc", false)]
    public void Names_are_compared_trimmed_and_ignoring_case(string a, string b, bool same)
    {
        Assert.Equal(same, ClientNames.Same(a, b));
    }

    [Fact]
    public void A_soft_deleted_clients_name_is_not_taken()
    {
        var deleted = Client(ClientStatus.SoftDeleted);
        var inactive = Client(ClientStatus.Inactive) with { ClientId = "cli_0000000000000002", Name = "Other" };

        Assert.False(ClientNames.IsTaken([deleted, inactive], "acme", exceptClientId: ""));
        Assert.True(ClientNames.IsTaken([deleted, inactive], " other", exceptClientId: ""));
        Assert.False(ClientNames.IsTaken([deleted, inactive], "other", exceptClientId: "cli_0000000000000002"));
    }
}
