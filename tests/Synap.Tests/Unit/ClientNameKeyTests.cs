using Synap.Grains.Clients;

namespace Synap.Tests.Unit;

/// <summary>The name grain key: one per name as <see cref="ClientNames.Same"/> compares names, safe as a storage key.</summary>
public sealed class ClientNameKeyTests
{
    [Theory]
    [InlineData("Acme", " acme ")]
    [InlineData("ÉCOLE", "école")]
    [InlineData("straße", "STRAßE")]
    public void Names_that_are_the_same_share_a_key(string a, string b)
    {
        Assert.True(ClientNames.Same(a, b));
        Assert.Equal(ClientNames.Key(a), ClientNames.Key(b));
    }

    [Theory]
    [InlineData("Acme", "Acme Corp")]
    [InlineData("a\u0000", "a")]
    public void Different_names_have_different_keys(string a, string b) =>
        Assert.NotEqual(ClientNames.Key(a), ClientNames.Key(b));

    [Fact]
    public void A_key_is_64_lowercase_hex_characters_whatever_the_name() =>
        Assert.Matches("^[0-9a-f]{64}$", ClientNames.Key("\u0000" + new string('x', 200)));
}
