using System.Security.Cryptography;
using System.Text;

namespace Synap.Api.Authentication;

/// <summary>The operator's key (API.md §2), compared in constant time through fixed-length hashes.</summary>
public sealed class AdminKey(string value)
{
    public const int MinLength = 32;

    private readonly byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public static string Generate() => "synap_admin_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
