using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Synap.Grains.Interfaces.Credentials;

/// <summary><c>bsk_</c> + URL-safe base64 (no padding) of 32 random bytes (API.md §6).</summary>
public static class BootstrapKeyFormat
{
    public const string Prefix = "bsk_";
    public const string IdPrefix = "bsk_id_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const int EncodedLength = 43;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsWellFormed(string? key) =>
        key is { Length: EncodedLength + 4 } && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
