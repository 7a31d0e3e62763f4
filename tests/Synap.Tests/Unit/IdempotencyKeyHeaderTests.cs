using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Synap.Api.Idempotency;

namespace Synap.Tests.Unit;

public sealed class IdempotencyKeyHeaderTests
{
    private static (string? Key, string? ErrorField) Read(StringValues? values)
    {
        var http = new DefaultHttpContext();
        if (values is { } present)
            http.Request.Headers[IdempotencyKeyHeader.Name] = present;
        var (key, error) = IdempotencyKeyHeader.Read(http.Request);
        return (key, error?.Body.Details["field"] as string);
    }

    [Fact]
    public void An_absent_header_is_neither_a_key_nor_an_error() => Assert.Equal((null, null), Read(null));

    [Theory]
    [InlineData("k")]
    [InlineData(" !~")]
    public void Printable_ASCII_is_a_key(string value) => Assert.Equal((value, null), Read(value));

    [Fact]
    public void Two_hundred_fifty_five_characters_are_a_key_and_one_more_is_not()
    {
        Assert.Equal(255, Read(new string('k', 255)).Key?.Length);
        Assert.Equal((null, "Idempotency-Key"), Read(new string('k', 256)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    [InlineData("line\nbreak")]
    [InlineData("delete\u007f")]
    public void Empty_or_non_printable_values_are_INVALID_INPUT_on_the_header(string value) =>
        Assert.Equal((null, "Idempotency-Key"), Read(value));

    [Fact]
    public void A_header_sent_twice_is_INVALID_INPUT() => Assert.Equal((null, "Idempotency-Key"), Read(new StringValues(["a", "b"])));
}
