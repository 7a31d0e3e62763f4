using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Synap.Grains.Interfaces.Security;

/// <summary>
/// <c>synap_</c> + 40 random base62 characters + 6 base62 characters of CRC32 over the 40 (API.md §2).
/// The checksum lets secret scanners and our front end reject a mistyped or invented key without a lookup.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "synap_";
    private const int RandomLength = 40;
    private const int ChecksumLength = 6;
    public const int Length = 6 + RandomLength + ChecksumLength;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var body = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return Prefix + body + Checksum(body);
    }

    public static bool HasValidChecksum(string? key)
    {
        if (key is null || key.Length != Length || !key.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        foreach (var c in key.AsSpan(Prefix.Length))
            if (Alphabet.IndexOf(c) < 0)
                return false;
        var body = key.Substring(Prefix.Length, RandomLength);
        return string.Equals(Checksum(body), key[(Prefix.Length + RandomLength)..], StringComparison.Ordinal);
    }

    /// <summary>SHA-256 hex of the whole key: the only form in which a key is stored.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary><c>synap_</c> + the first 4 characters after it + <c>...</c> + the last 2 of the key (API.md §2).</summary>
    public static string Mask(string key) =>
        Prefix + key.Substring(Prefix.Length, 4) + "..." + key[^2..];

    private static string Checksum(string body)
    {
        Span<byte> ascii = stackalloc byte[RandomLength];
        var crc = Crc32.HashToUInt32(ascii[..Encoding.ASCII.GetBytes(body, ascii)]);
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
        return new string(digits);
    }
}
