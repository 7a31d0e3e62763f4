using Synap.Grains.Clients;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Tests.Unit;

/// <summary>The client-wide instance rules (API.md §5 and §1): create validation, names, parents, and the listing order and filters.</summary>
public sealed class InstanceCreationTests
{
    private const string ClientId = "cli_0000000000000001";
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);

    private static InstanceListing Listing(string id, string name, InstanceStatus status = InstanceStatus.Active, DateTimeOffset? createdAt = null,
        string? parent = null) =>
        new(new InstanceSummary(id, name, status, "support", ConfigStatus.Active, createdAt ?? Now, null), parent);

    private static Outcome<InstanceSeed> Validate(CreateInstanceCommand command, params InstanceListing[] existing) =>
        InstanceCreation.Validate(command, ClientId, existing, Now);

    [Fact]
    public void A_valid_command_becomes_a_seed_with_a_trimmed_name_and_empty_metadata()
    {
        var seed = Validate(new CreateInstanceCommand("  support-bot  ", "support", "Answers tickets"));

        Assert.True(seed.IsSuccess, seed.Error?.ToString());
        Assert.Equal("support-bot", seed.Value!.Name);
        Assert.Equal(ClientId, seed.Value.ClientId);
        Assert.Empty(seed.Value.Metadata);
        Assert.Equal(Now, seed.Value.CreatedAt);
    }

    [Fact]
    public void The_seed_does_not_share_the_callers_metadata()
    {
        var metadata = new Dictionary<string, string> { ["team"] = "care" };

        var seed = Validate(new CreateInstanceCommand("agent", "support", Metadata: metadata));
        metadata["team"] = "changed";

        Assert.Equal("care", seed.Value!.Metadata["team"]);
    }

    public static TheoryData<string, CreateInstanceCommand> InvalidCommands => new()
    {
        { "name", new CreateInstanceCommand(null, "support") },
        { "name", new CreateInstanceCommand("", "support") },
        { "name", new CreateInstanceCommand(" \t ", "support") },
        { "name", new CreateInstanceCommand(new string('n', 201), "support") },
        { "agent_type", new CreateInstanceCommand("agent", null) },
        { "agent_type", new CreateInstanceCommand("agent", "") },
        { "agent_type", new CreateInstanceCommand("agent", "Support") },
        { "agent_type", new CreateInstanceCommand("agent", "sup port") },
        { "agent_type", new CreateInstanceCommand("agent", "support\n") },
        { "agent_type", new CreateInstanceCommand("agent", new string('a', 101)) },
        { "description", new CreateInstanceCommand("agent", "support", new string('d', 2001)) },
        { "metadata", new CreateInstanceCommand("agent", "support", Metadata: Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => "v")) },
        { "metadata", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { [new string('k', 101)] = "v" }) },
        { "metadata.k", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { ["k"] = new string('v', 1001) }) },
        { "metadata.k", new CreateInstanceCommand("agent", "support", Metadata: new Dictionary<string, string> { ["k"] = null! }) },
        { "parent_instance_id", new CreateInstanceCommand("agent", "support", ParentInstanceId: "parent") },
        { "parent_instance_id", new CreateInstanceCommand("agent", "support", ParentInstanceId: "inst_00000000000000ff") },
        { "parent_instance_id", new CreateInstanceCommand("agent", "support", ParentInstanceId: "inst_00000000000000aa") },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void An_invalid_command_is_invalid_input_naming_the_field(string field, CreateInstanceCommand command)
    {
        var seed = Validate(command, Listing("inst_00000000000000aa", "archived-parent", InstanceStatus.Archived));

        Assert.Equal(ErrorCodes.InvalidInput, seed.Error?.Code);
        Assert.Equal(field, seed.Error!.Details["field"]);
    }

    [Fact]
    public void Values_at_the_limits_are_accepted()
    {
        var metadata = Enumerable.Range(0, 63).ToDictionary(i => $"k{i}", _ => "v");
        metadata[new string('k', 100)] = new string('v', 1000);

        var seed = Validate(new CreateInstanceCommand(new string('n', 200), "a0_-" + new string('z', 96), new string('d', 2000), metadata));

        Assert.True(seed.IsSuccess, seed.Error?.ToString());
    }

    [Fact]
    public void A_name_is_taken_only_by_a_live_instance_of_the_client()
    {
        var existing = new[]
        {
            Listing("inst_0000000000000001", "live"),
            Listing("inst_0000000000000002", "gone", InstanceStatus.Archived),
        };

        Assert.Equal(ErrorCodes.NameConflict, Validate(new CreateInstanceCommand(" live ", "support"), existing).Error?.Code);
        Assert.True(Validate(new CreateInstanceCommand("gone", "support"), existing).IsSuccess);
    }

    [Fact]
    public void A_live_parent_of_the_client_is_accepted()
    {
        var seed = Validate(new CreateInstanceCommand("child", "support", ParentInstanceId: "inst_0000000000000001"),
            Listing("inst_0000000000000001", "parent", InstanceStatus.Suspended));

        Assert.Equal("inst_0000000000000001", seed.Value?.ParentInstanceId);
    }

    [Fact]
    public void The_list_is_ordered_by_creation_time_then_id()
    {
        var listings = new[]
        {
            Listing("inst_000000000000000c", "c", createdAt: Now),
            Listing("inst_000000000000000a", "a", createdAt: Now.AddSeconds(1)),
            Listing("inst_000000000000000b", "b", createdAt: Now),
            Listing("inst_0000000000000009", "9", createdAt: Now.AddSeconds(-1)),
        };

        var page = InstanceCreation.List(listings, new ListInstancesQuery(PageRequest.Default));

        Assert.Equal(["inst_0000000000000009", "inst_000000000000000b", "inst_000000000000000c", "inst_000000000000000a"],
            page.Value!.Data.Select(s => s.Id));
    }

    [Fact]
    public void Filters_combine_and_paging_counts_only_what_matches()
    {
        const string parent = "inst_00000000000000f0";
        var listings = new[]
        {
            Listing("inst_0000000000000001", "a", InstanceStatus.Active, Now, parent),
            Listing("inst_0000000000000002", "b", InstanceStatus.Inactive, Now.AddSeconds(1), parent),
            Listing("inst_0000000000000003", "c", InstanceStatus.Active, Now.AddSeconds(2), parent),
            Listing("inst_0000000000000004", "d", InstanceStatus.Active, Now.AddSeconds(3)),
        };

        var page = InstanceCreation.List(listings, new ListInstancesQuery(new PageRequest(2, 1), "active", parent)).Value!;

        Assert.Equal(["inst_0000000000000003"], page.Data.Select(s => s.Id));
        Assert.Equal((2, 1, 2, 2), (page.PageNumber, page.PageSize, page.Total, page.TotalPages));
    }

    [Theory]
    [InlineData(0, 20, null, null, "page_size")]
    [InlineData(1, 101, null, null, "page_size")]
    [InlineData(1, 20, "paused", null, "status")]
    [InlineData(1, 20, null, "inst_1", "parent_instance_id")]
    public void An_invalid_query_is_invalid_input(int pageNumber, int pageSize, string? status, string? parent, string field)
    {
        var page = InstanceCreation.List([], new ListInstancesQuery(new PageRequest(pageNumber, pageSize), status, parent));

        Assert.Equal(ErrorCodes.InvalidInput, page.Error?.Code);
        Assert.Equal(field, page.Error!.Details["field"]);
    }
}
