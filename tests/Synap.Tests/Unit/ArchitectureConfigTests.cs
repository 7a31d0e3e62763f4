using System.Text;
using Synap.Grains.Architecture;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Unit;

/// <summary>
/// A caller's YAML config is bounded before any document is built (size, depth, expanded nodes): hostile configs are
/// a 400 naming <c>config</c>, never a stack overflow that ends the process.
/// </summary>
public sealed class ArchitectureConfigTests
{
    private static void AssertRefused(Failure? failure, string reasonPart)
    {
        Assert.NotNull(failure);
        Assert.Equal(ErrorCodes.InvalidInput, failure.Code);
        Assert.Contains("config", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reasonPart, failure.Message, StringComparison.Ordinal);
    }

    private static string FlowNested(int depth) => "a: " + new string('[', depth) + new string(']', depth);

    private static string BlockNested(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', 2 * i) + $"k{i}:\n")) + new string(' ', 2 * depth) + "leaf: 1\n";

    [Fact]
    public void The_crashing_config_of_three_hundred_thousand_brackets_is_refused_for_its_size()
    {
        AssertRefused(ArchitectureConfig.Validate(FlowNested(300_000)), "64 KiB");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_within_the_size_cap_is_refused_without_building_a_document()
    {
        var yaml = FlowNested(30_000);
        Assert.True(Encoding.UTF8.GetByteCount(yaml) <= YamlShape.MaxBytes);

        AssertRefused(ArchitectureConfig.Validate(yaml), "levels deep");
    }

    [Fact]
    public void Block_nesting_one_past_the_limit_is_refused_and_at_the_limit_is_accepted()
    {
        // The root mapping is level 1, each k_i adds one level, and leaf's mapping one more.
        AssertRefused(ArchitectureConfig.Validate(BlockNested(YamlShape.MaxDepth)), "levels deep");
        Assert.Null(ArchitectureConfig.Validate(BlockNested(YamlShape.MaxDepth - 1)));
    }

    [Fact]
    public void Flow_nesting_at_the_limit_is_accepted()
    {
        // The root mapping is one level; the value's sequences fill the rest.
        Assert.Null(ArchitectureConfig.Validate(FlowNested(YamlShape.MaxDepth - 1)));
        AssertRefused(ArchitectureConfig.Validate(FlowNested(YamlShape.MaxDepth)), "levels deep");
    }

    [Fact]
    public void A_config_of_just_under_64_KiB_is_accepted_and_one_byte_over_is_refused()
    {
        var prefix = "memory:\n  note: \"";
        var suffix = "\"\n";
        var fill = YamlShape.MaxBytes - prefix.Length - suffix.Length;
        var atLimit = prefix + new string('x', fill) + suffix;
        var overLimit = prefix + new string('x', fill + 1) + suffix;

        Assert.Equal(YamlShape.MaxBytes, Encoding.UTF8.GetByteCount(atLimit));
        Assert.Null(ArchitectureConfig.Validate(atLimit));
        AssertRefused(ArchitectureConfig.Validate(overLimit), "64 KiB");
    }

    [Fact]
    public void The_size_cap_counts_UTF8_bytes_not_characters()
    {
        var yaml = "note: \"" + new string('é', YamlShape.MaxBytes / 2) + "\"\n";

        AssertRefused(ArchitectureConfig.Validate(yaml), "64 KiB");
    }

    [Fact]
    public void A_wide_flat_config_under_the_size_cap_is_accepted()
    {
        var yaml = "items: [" + string.Join(",", Enumerable.Range(0, 9_000).Select(i => $"v{i}")) + "]\n";
        Assert.True(Encoding.UTF8.GetByteCount(yaml) <= YamlShape.MaxBytes);

        Assert.Null(ArchitectureConfig.Validate(yaml));
    }

    [Fact]
    public void A_billion_laughs_alias_expansion_is_refused()
    {
        var yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"{level}: &{level} [").Append(string.Join(",", Enumerable.Repeat($"*{previous}", 10))).Append("]\n");
        }

        AssertRefused(ArchitectureConfig.Validate(yaml.ToString()), "nodes");
    }

    [Fact]
    public void Aliases_that_expand_past_the_depth_limit_are_refused()
    {
        var yaml = new StringBuilder("a0: &a0 [[[[[[[[1]]]]]]]]\n");
        for (var i = 1; i < 6; i++)
            yaml.Append($"a{i}: &a{i} [[[[[[[[*a{i - 1}]]]]]]]]\n");

        AssertRefused(ArchitectureConfig.Validate(yaml.ToString()), "levels deep");
    }

    [Fact]
    public void Ordinary_anchors_and_aliases_are_accepted()
    {
        const string yaml = """
            defaults: &defaults
              top_k: 10
              strategy: hybrid
            episodic:
              retrieval: *defaults
            semantic:
              retrieval: *defaults
            """;

        Assert.Null(ArchitectureConfig.Validate(yaml));
    }

    [Fact]
    public void An_alias_without_an_anchor_is_refused()
    {
        AssertRefused(ArchitectureConfig.Validate("a: *missing\n"), "anchor");
    }

    [Fact]
    public void A_config_that_is_not_one_mapping_is_still_refused()
    {
        AssertRefused(ArchitectureConfig.Validate("- a\n- b\n"), "mapping");
        AssertRefused(ArchitectureConfig.Validate("a: 1\n---\nb: 2\n"), "mapping");
    }

    [Fact]
    public void A_use_case_over_64_KiB_is_refused_and_one_at_the_limit_becomes_a_valid_config()
    {
        var over = ArchitectureConfig.Resolve(new InitArchitectureCommand(null, new string('u', YamlShape.MaxBytes + 1)));
        var atLimit = ArchitectureConfig.Resolve(new InitArchitectureCommand(null, "# Support\n" + new string('u', YamlShape.MaxBytes - 10)));

        Assert.Equal(ErrorCodes.InvalidInput, over.Error?.Code);
        Assert.Equal("use_case_markdown", over.Error!.Details["field"]);
        Assert.True(atLimit.IsSuccess, atLimit.Error?.ToString());
    }
}
