using Synap.Grains.Interfaces.Clients;

namespace Synap.Grains.Clients;

/// <summary>Names are compared trimmed and case-insensitively, so "Acme" and "acme " cannot both exist.</summary>
public static class ClientNames
{
    public static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The key of a name's <c>IClientNameGrain</c>: equal for exactly the names <see cref="Same"/> calls equal
    /// (ordinal ignore-case compares the invariant upper case of each character).
    /// </summary>
    public static string Key(string name) => name.Trim().ToUpperInvariant();

    public static bool IsTaken(IEnumerable<ClientView> clients, string name, string exceptClientId) =>
        clients.Any(c => c.ClientId != exceptClientId && c.Status != ClientStatus.SoftDeleted && Same(c.Name, name));
}
