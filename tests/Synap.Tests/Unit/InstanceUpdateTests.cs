using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit;

/// <summary>A PATCH of an instance (API.md §5): only provided fields change, metadata merges, and a failure changes nothing.</summary>
public sealed class InstanceUpdateTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Created.AddHours(1);
    private static readonly Actor ClientKey = Actor.ForClientKey("cred_000000000001", "cli_0000000000000001");

    private static InstanceDetail Instance(InstanceStatus status = InstanceStatus.Active, Dictionary<string, string>? metadata = null) =>
        new("inst_0000000000000001", "support-bot", status, "support", ConfigStatus.Active, Created, null, "cli_0000000000000001",
            "Answers tickets", metadata ?? new Dictionary<string, string> { ["team"] = "care", ["region"] = "eu", ["tier"] = "gold" },
            null, status, 0, 0, Created);

    private static Optional<string?> Set(string? value) => new(value);

    private static InstanceDetail Applied(InstanceDetail current, UpdateInstanceCommand command, Actor? actor = null)
    {
        var outcome = InstanceUpdate.Apply(current, command, actor ?? ClientKey, Now);
        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
        return outcome.Value!;
    }

    private static Failure Refused(InstanceDetail current, UpdateInstanceCommand command, Actor? actor = null)
    {
        var outcome = InstanceUpdate.Apply(current, command, actor ?? ClientKey, Now);
        Assert.Null(outcome.Value);
        return outcome.Error ?? throw new Xunit.Sdk.XunitException("expected a failure");
    }

    [Fact]
    public void Metadata_merges_given_keys_overwrite_null_removes_others_stay()
    {
        var current = Instance();

        var updated = Applied(current, new UpdateInstanceCommand(Metadata: new Dictionary<string, string?>
        {
            ["team"] = "sales",
            ["region"] = null,
            ["channel"] = "chat",
        }));

        Assert.Equal(new Dictionary<string, string> { ["team"] = "sales", ["tier"] = "gold", ["channel"] = "chat" }, updated.Metadata);
        Assert.Equal(Now, updated.UpdatedAt);
    }

    [Fact]
    public void Merging_leaves_the_current_metadata_untouched()
    {
        var metadata = new Dictionary<string, string> { ["team"] = "care" };
        var current = Instance(metadata: metadata);

        Applied(current, new UpdateInstanceCommand(Metadata: new Dictionary<string, string?> { ["team"] = null, ["new"] = "x" }));

        Assert.Equal(new Dictionary<string, string> { ["team"] = "care" }, metadata);
    }

    [Fact]
    public void Only_provided_fields_change()
    {
        var current = Instance();

        var updated = Applied(current, new UpdateInstanceCommand(Description: Set("after")));

        Assert.Equal(current with { Description = "after", UpdatedAt = Now }, updated with { Metadata = current.Metadata });
        Assert.Same(current.Metadata, updated.Metadata);
    }

    [Fact]
    public void A_name_is_trimmed_and_a_null_description_clears_it()
    {
        var updated = Applied(Instance(), new UpdateInstanceCommand(Name: Set("  renamed \t"), Description: Set(null)));

        Assert.Equal("renamed", updated.Name);
        Assert.Null(updated.Description);
    }

    public static TheoryData<string, UpdateInstanceCommand> NoOps => new()
    {
        { "nothing", new UpdateInstanceCommand() },
        { "same name", new UpdateInstanceCommand(Name: Set("support-bot")) },
        { "same name untrimmed", new UpdateInstanceCommand(Name: Set(" support-bot ")) },
        { "same description", new UpdateInstanceCommand(Description: Set("Answers tickets")) },
        { "same metadata value", new UpdateInstanceCommand(Metadata: new Dictionary<string, string?> { ["team"] = "care" }) },
        { "removing an absent key", new UpdateInstanceCommand(Metadata: new Dictionary<string, string?> { ["absent"] = null }) },
        { "empty metadata", new UpdateInstanceCommand(Metadata: new Dictionary<string, string?>()) },
        { "same status", new UpdateInstanceCommand(Status: Set("active")) },
    };

    [Theory]
    [MemberData(nameof(NoOps))]
    public void A_patch_that_changes_nothing_returns_the_instance_as_it_was(string _, UpdateInstanceCommand command)
    {
        var current = Instance();

        var updated = Applied(current, command);

        Assert.Same(current, updated);
    }

    [Fact]
    public void The_status_changes_with_the_other_fields_in_one_step()
    {
        var updated = Applied(Instance(), new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("inactive")));

        Assert.Equal(("renamed", InstanceStatus.Inactive, Now), (updated.Name, updated.Status, updated.UpdatedAt));
    }

    // Every command pairs a valid change with the invalid one: neither may be applied.
    public static TheoryData<string, string, UpdateInstanceCommand> Invalid => new()
    {
        { ErrorCodes.InvalidInput, "name", new UpdateInstanceCommand(Name: Set(null), Description: Set("after")) },
        { ErrorCodes.InvalidInput, "name", new UpdateInstanceCommand(Name: Set("   "), Description: Set("after")) },
        { ErrorCodes.InvalidInput, "name", new UpdateInstanceCommand(Name: Set(new string('n', 201)), Description: Set("after")) },
        { ErrorCodes.InvalidInput, "description", new UpdateInstanceCommand(Name: Set("renamed"), Description: Set(new string('d', 2001))) },
        {
            ErrorCodes.InvalidInput, "metadata",
            new UpdateInstanceCommand(Name: Set("renamed"), Metadata: Enumerable.Range(0, 62).ToDictionary(i => $"k{i}", _ => (string?)"v"))
        },
        {
            ErrorCodes.InvalidInput, "metadata",
            new UpdateInstanceCommand(Name: Set("renamed"), Metadata: new Dictionary<string, string?> { [new string('k', 101)] = "v" })
        },
        {
            ErrorCodes.InvalidInput, "metadata.team",
            new UpdateInstanceCommand(Name: Set("renamed"), Metadata: new Dictionary<string, string?> { ["team"] = new string('v', 1001) })
        },
        { ErrorCodes.InvalidInput, "status", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("paused")) },
        { ErrorCodes.InvalidInput, "status", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("Active")) },
        { ErrorCodes.InvalidInput, "status", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set(null)) },
        { ErrorCodes.InvalidStateTransition, "", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("provisioning")) },
        { ErrorCodes.InvalidStateTransition, "", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("archived")) },
        { ErrorCodes.AdminRequired, "status", new UpdateInstanceCommand(Name: Set("renamed"), Status: Set("suspended")) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_patch_is_refused_as_a_whole(string code, string field, UpdateInstanceCommand command)
    {
        var failure = Refused(Instance(), command);

        Assert.Equal(code, failure.Code);
        if (field.Length > 0)
            Assert.Equal(field, failure.Details["field"]);
    }

    [Fact]
    public void The_admin_may_suspend_where_a_client_key_may_not()
    {
        var command = new UpdateInstanceCommand(Status: Set("suspended"));

        Assert.Equal(ErrorCodes.AdminRequired, Refused(Instance(), command).Code);
        Assert.Equal(InstanceStatus.Suspended, Applied(Instance(), command, Actor.Admin).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("archived")]
    [InlineData("active")]
    public void An_archived_instance_refuses_every_patch(string? status)
    {
        var command = new UpdateInstanceCommand(Description: Set("after"), Status: status is null ? null : Set(status));

        var failure = Refused(Instance(InstanceStatus.Archived), command, Actor.Admin);

        Assert.Equal(ErrorCodes.InvalidStateTransition, failure.Code);
        Assert.Equal("archived", failure.Details["from"]);
        Assert.Equal(status ?? "archived", failure.Details["to"]);
    }
}
