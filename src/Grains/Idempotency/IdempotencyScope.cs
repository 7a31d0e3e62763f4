using System.Security.Cryptography;
using System.Text;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Idempotency;

/// <summary>Keys are per credential (API.md §8): the same key sent with another credential is a different record.</summary>
public static class IdempotencyScope
{
    /// <summary>The admin key has no credential id; credential ids start with <c>cred_</c>, so the two never collide.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// <c>{credential}:{SHA-256 hex of the key}</c>. Hashed so that whatever printable text a caller chose is a
    /// fixed-length, delimiter-free grain key and never sits in storage in clear.
    /// </summary>
    public static string GrainKey(Actor actor, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var scope = actor.IsAdmin
            ? Admin
            : actor.CredentialId ?? throw new InvalidOperationException("An idempotent route needs a caller with a credential.");
        return $"{scope}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))}";
    }
}
