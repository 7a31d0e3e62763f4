using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Clients;

/// <summary>Names are compared trimmed and case-insensitively, so "Acme" and "acme " cannot both exist.</summary>
public static class ClientNames
{
    public static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The key of a name's <c>IClientNameGrain</c>: equal for exactly the names <see cref="Same"/> calls equal
    /// (ordinal ignore-case compares the invariant upper case of each character). A SHA-256 of that upper case, so
    /// a storage key never carries what a caller typed (a NUL, which PostgreSQL text refuses, or 200 characters).
    /// </summary>
    public static string Key(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(name.Trim().ToUpperInvariant().AsSpan())));

    public static bool IsTaken(IEnumerable<ClientView> clients, string name, string exceptClientId) =>
        clients.Any(c => c.ClientId != exceptClientId && c.Status != ClientStatus.SoftDeleted && Same(c.Name, name));
}
