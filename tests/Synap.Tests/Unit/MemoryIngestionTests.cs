using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Memories;

namespace Synap.Tests.Unit;

/// <summary>What ingestion derives and what a memory may hold: pure rules, no silo.</summary>
public sealed class MemoryIngestionTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("ünï", 2)]
    public void The_token_estimate_is_a_quarter_of_the_utf8_bytes_rounded_up(string content, int tokens) =>
        Assert.Equal(tokens, MemoryIngestion.Ingest(new PendingMemory("mem_0000000000000001", content, "c")).TokenEstimate);

    [Fact]
    public void The_hash_is_the_sha256_of_the_utf8_content_in_lowercase_hex() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            MemoryIngestion.Ingest(new PendingMemory("mem_0000000000000001", "hello", "c")).ContentSha256);

    [Fact]
    public void Content_of_exactly_the_bound_is_accepted_and_one_more_character_is_not()
    {
        Assert.Null(MemoryValidation.Check(new AddMemoryCommand(new string('x', MemoryRules.MaxContentLength), "user"), out _));
        Assert.Equal("content", MemoryValidation.Check(new AddMemoryCommand(new string('x', MemoryRules.MaxContentLength + 1), "user"), out _)!.Details["field"]);
    }

    [Theory]
    [InlineData("user", MemoryScope.User)]
    [InlineData("customer", MemoryScope.Customer)]
    [InlineData("client", MemoryScope.Client)]
    [InlineData("world", MemoryScope.World)]
    public void Each_documented_scope_parses(string text, MemoryScope scope)
    {
        Assert.Null(MemoryValidation.Check(new AddMemoryCommand("x", text), out var parsed));
        Assert.Equal(scope, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("USER")]
    [InlineData(" user")]
    [InlineData("user,world")]
    public void Anything_but_a_documented_scope_is_refused(string text) =>
        Assert.Equal("scope", MemoryValidation.Check(new AddMemoryCommand("x", text), out _)!.Details["field"]);

    [Theory]
    [InlineData("mem_0123456789abcdef", true)]
    [InlineData("mem_0123456789abcdef\n", false)]
    [InlineData("mem_0123456789ABCDEF", false)]
    [InlineData("mem_0123456789abcde", false)]
    public void A_memory_id_is_mem_and_16_lowercase_hex(string id, bool valid) => Assert.Equal(valid, MemoryRules.IsMemoryId(id));
}
