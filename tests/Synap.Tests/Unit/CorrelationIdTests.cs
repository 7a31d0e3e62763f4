using Synap.Api.Correlation;

namespace Synap.Tests.Unit;

/// <summary>API.md §1: which caller correlation ids are kept, and the form of a generated one.</summary>
public sealed class CorrelationIdTests
{
    [Theory]
    [InlineData("syn_abc123")]
    [InlineData("0")]
    [InlineData("a.b:c-d_e")]
    public void A_well_formed_id_is_kept(string id)
    {
        Assert.Equal(id, CorrelationId.Accept(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("syn_abc\n")]
    [InlineData("syn_abc\r\n")]
    [InlineData("\nsyn_abc")]
    [InlineData("syn abc")]
    [InlineData("_syn")]
    public void Anything_else_is_replaced_by_a_generated_id(string? id)
    {
        Assert.Matches("^req_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", CorrelationId.Accept(id));
    }

    [Fact]
    public void The_longest_kept_id_has_128_characters()
    {
        var longest = "s" + new string('x', 127);

        Assert.Equal(longest, CorrelationId.Accept(longest));
        Assert.NotEqual(longest + "x", CorrelationId.Accept(longest + "x"));
    }
}
