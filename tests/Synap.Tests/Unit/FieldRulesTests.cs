using Synap.Grains.Common;
using Synap.Grains.Credentials;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Tests.Unit;

/// <summary>
/// Issue 6 item 6: names and labels hold only visible text, free text holds no control but tab and line breaks,
/// <c>website</c> is an http(s) URL, and enum fields accept exactly their documented snake_case strings.
/// </summary>
public sealed class FieldRulesTests
{
    public static TheoryData<string> InvisibleOrControl => new()
    {
        "\u0000", "\u0001", "\u0009", "\u000A", "\u000D", "\u001B", "\u007F", "\u0080", "\u0085", "\u009F",
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF",
        "\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
    };

    private static void AssertInvalid(Failure? failure, string field)
    {
        Assert.NotNull(failure);
        Assert.Equal(ErrorCodes.InvalidInput, failure.Code);
        Assert.Equal(field, failure.Details["field"]);
    }

    [Theory]
    [MemberData(nameof(InvisibleOrControl))]
    public void A_name_with_a_control_zero_width_or_bidi_character_is_refused(string character)
    {
        AssertInvalid(FieldRules.Name("acme" + character + "corp", out _), "name");
        AssertInvalid(FieldRules.Name(character, out _), "name");
    }

    [Theory]
    [MemberData(nameof(InvisibleOrControl))]
    public void A_key_label_with_a_control_zero_width_or_bidi_character_is_refused(string character)
    {
        AssertInvalid(CredentialSet.Validate(new CreateApiKeyCommand("o" + character + "ps"), DateTimeOffset.UnixEpoch), "label");
    }

    [Theory]
    [MemberData(nameof(InvisibleOrControl))]
    public void A_metadata_key_with_a_control_zero_width_or_bidi_character_is_refused(string character)
    {
        AssertInvalid(FieldRules.Metadata(new Dictionary<string, string?> { ["team" + character] = "cx" }), "metadata");
    }

    [Theory]
    [InlineData("Acme Corp")]
    [InlineData("مرحبا")]
    [InlineData("客户 🚀")]
    [InlineData("Ｆｕｌｌ ｗｉｄｔｈ")]
    [InlineData("Café Ünïcode")]
    public void Names_in_any_script_and_with_emoji_are_accepted(string name)
    {
        Assert.Null(FieldRules.Name(name, out var trimmed));
        Assert.Equal(name, trimmed);
    }

    [Fact]
    public void An_unpaired_surrogate_from_a_trusted_caller_is_refused_in_names_and_free_text()
    {
        AssertInvalid(FieldRules.Name("a\uD800b", out _), "name");
        AssertInvalid(FieldRules.Description("x\uDC00"), "description");
        Assert.Null(FieldRules.Name("a\uD83D\uDE80b", out _));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001B[31m")]
    [InlineData("\u000B")]
    public void Free_text_with_a_C0_control_is_refused(string text)
    {
        AssertInvalid(FieldRules.Description("before" + text), "description");
        AssertInvalid(FieldRules.Metadata(new Dictionary<string, string?> { ["team"] = "cx" + text }), "metadata.team");
    }

    [Fact]
    public void Free_text_keeps_tabs_line_breaks_and_invisible_formatting()
    {
        Assert.Null(FieldRules.Description("line one\r\nline two\tcolumn \u200B\u202E"));
        Assert.Null(FieldRules.Metadata(new Dictionary<string, string?> { ["notes"] = "a\nb\tc" }));
    }

    [Theory]
    [InlineData("https://acme.example")]
    [InlineData("http://acme.example:8080/path?q=1#top")]
    [InlineData("https://xn--80ak6aa92e.example/")]
    [InlineData("HTTPS://ACME.EXAMPLE")]
    public void Absolute_http_and_https_websites_are_accepted(string website)
    {
        Assert.Null(FieldRules.Website(website));
    }

    [Theory]
    [InlineData("")]
    [InlineData("acme.example")]
    [InlineData("/relative/path")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://acme.example")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,<script>")]
    [InlineData("https://")]
    [InlineData("https:// acme.example")]
    [InlineData("https://acme.example/\u0000")]
    [InlineData("https://acme\u202E.example")]
    [InlineData("mailto:ops@acme.example")]
    public void A_website_that_is_not_an_absolute_http_url_is_refused(string website)
    {
        AssertInvalid(FieldRules.Website(website), "website");
    }

    [Fact]
    public void A_website_over_2000_characters_is_refused()
    {
        AssertInvalid(FieldRules.Website("https://acme.example/" + new string('a', 2000)), "website");
    }

    [Theory]
    [InlineData("+2")]
    [InlineData("2")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("-0")]
    [InlineData("0x1")]
    [InlineData("active,inactive")]
    [InlineData("active, inactive")]
    [InlineData(" active")]
    [InlineData("active ")]
    [InlineData("Active")]
    [InlineData("ACTIVE")]
    [InlineData("softdeleted")]
    [InlineData("soft__deleted")]
    [InlineData("_soft_deleted")]
    [InlineData("SoftDeleted")]
    [InlineData("soft_Deleted")]
    [InlineData("active\u0000")]
    [InlineData("")]
    [InlineData(null)]
    public void Enum_fields_refuse_numbers_padding_flag_lists_and_other_spellings(string? value)
    {
        Assert.False(FieldRules.TryParseEnum<ClientStatus>(value, out _));
        Assert.False(FieldRules.TryParseEnum<InstanceStatus>(value, out _));
        Assert.False(FieldRules.TryParseEnum<ClientTier>(value, out _));
    }

    [Fact]
    public void Enum_fields_accept_each_documented_snake_case_string()
    {
        Assert.True(FieldRules.TryParseEnum<ClientStatus>("soft_deleted", out var deleted) && deleted == ClientStatus.SoftDeleted);
        Assert.True(FieldRules.TryParseEnum<ClientStatus>("inactive", out var inactive) && inactive == ClientStatus.Inactive);
        Assert.True(FieldRules.TryParseEnum<ClientTier>("enterprise", out var tier) && tier == ClientTier.Enterprise);
        foreach (var status in Enum.GetValues<InstanceStatus>())
            Assert.True(FieldRules.TryParseEnum<InstanceStatus>(FieldRules.ToSnakeCase(status), out var parsed) && parsed == status);
    }
}
