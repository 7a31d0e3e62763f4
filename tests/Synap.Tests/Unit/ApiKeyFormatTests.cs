using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit;

/// <summary>API.md §2 key format: <c>synap_</c> + 40 base62 + 6 base62 of CRC32 over the 40; SHA-256 hex storage; masked display.</summary>
public sealed class ApiKeyFormatTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Computed independently (Python zlib.crc32 and hashlib.sha256) from the body 0-9A-Za-d.
    private const string KnownKey = "synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup";
    private const string KnownKeyHash = "8121a2d1dece5b44417f1f56eb8ac7f9d8bb34a2493eaab43a10f6e28f3117df";

    [Fact]
    public void A_generated_key_has_the_synap_format_and_passes_its_checksum()
    {
        var key = ApiKeyFormat.Generate();

        Assert.Matches("^synap_[0-9A-Za-z]{46}$", key);
        Assert.Equal(52, key.Length);
        Assert.True(ApiKeyFormat.HasValidChecksum(key));
    }

    [Fact]
    public void Generated_keys_are_distinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.True(ApiKeyFormat.HasValidChecksum(key), key));
    }

    [Fact]
    public void The_checksum_is_the_crc32_of_the_random_part_in_six_base62_digits()
    {
        Assert.True(ApiKeyFormat.HasValidChecksum(KnownKey));
    }

    [Fact]
    public void Changing_any_single_character_after_the_prefix_fails_the_checksum()
    {
        var failures = new List<string>();
        foreach (var key in new[] { KnownKey, ApiKeyFormat.Generate() })
            for (var position = ApiKeyFormat.Prefix.Length; position < key.Length; position++)
                foreach (var replacement in Alphabet.Where(c => c != key[position]))
                {
                    var changed = key[..position] + replacement + key[(position + 1)..];
                    if (ApiKeyFormat.HasValidChecksum(changed))
                        failures.Add(changed);
                }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("synap_")]
    [InlineData("Synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup")]
    [InlineData("synap-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup")]
    [InlineData("synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAu")]
    [InlineData("synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAupp")]
    [InlineData("synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabc_0omAup")]
    [InlineData(" synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup")]
    [InlineData("synap_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup\n")]
    [InlineData("synap_０123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd0omAup")]
    public void Anything_but_an_exact_well_formed_key_fails_the_checksum(string? key)
    {
        Assert.False(ApiKeyFormat.HasValidChecksum(key));
    }

    [Fact]
    public void The_mask_shows_the_prefix_the_first_four_and_the_last_two_characters()
    {
        Assert.Equal("synap_0123...up", ApiKeyFormat.Mask(KnownKey));
        var key = ApiKeyFormat.Generate();
        Assert.Equal($"synap_{key[6..10]}...{key[^2..]}", ApiKeyFormat.Mask(key));
    }

    [Fact]
    public void The_hash_is_the_sha256_of_the_whole_key_in_64_lowercase_hex_digits()
    {
        Assert.Equal(KnownKeyHash, ApiKeyFormat.Hash(KnownKey));
        var hash = ApiKeyFormat.Hash(ApiKeyFormat.Generate());
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Different_keys_have_different_hashes_and_one_key_always_the_same()
    {
        var key = ApiKeyFormat.Generate();

        Assert.Equal(ApiKeyFormat.Hash(key), ApiKeyFormat.Hash(key));
        Assert.NotEqual(ApiKeyFormat.Hash(key), ApiKeyFormat.Hash(ApiKeyFormat.Generate()));
    }
}
