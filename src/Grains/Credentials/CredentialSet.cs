using System.Security.Cryptography;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Credentials;

/// <summary>
/// The API keys of one owner (a client or an instance), kept in the owner's state. The owner grain is the
/// single writer, so revocation is seen by the very next authentication, wherever it comes from.
/// </summary>
public sealed class CredentialSet(List<CredentialRecord> records)
{
    public const string DefaultLabel = "default";

    /// <summary>Checks a create command; the failure names the field.</summary>
    public static Failure? Validate(CreateApiKeyCommand command, DateTimeOffset now)
    {
        if (FieldRules.Label(command.Label) is { } badLabel)
            return badLabel;
        return command.ExpiresAt is { } expires && expires <= now ? Failure.InvalidInput("expires_at", "must be in the future") : null;
    }

    /// <summary>Mints a key and records its hash. The caller registers the owner in the key index before persisting.</summary>
    public (CreatedApiKey Created, CredentialRecord Record) Issue(CreateApiKeyCommand command, string credentialId, DateTimeOffset now)
    {
        var key = ApiKeyFormat.Generate();
        var record = new CredentialRecord
        {
            CredentialId = credentialId,
            Label = command.Label?.Trim() ?? DefaultLabel,
            KeyHash = ApiKeyFormat.Hash(key),
            MaskedKey = ApiKeyFormat.Mask(key),
            CreatedAt = now,
            ExpiresAt = command.ExpiresAt,
        };
        records.Add(record);
        return (new CreatedApiKey(key, credentialId, record.Label, now, record.ExpiresAt), record);
    }

    public IReadOnlyList<ApiKeyView> ListActive(DateTimeOffset now) =>
        records.Where(r => r.IsUsableAt(now)).OrderBy(r => r.CreatedAt).ThenBy(r => r.CredentialId, StringComparer.Ordinal)
            .Select(View).ToList();

    /// <summary>Revokes an active key; an unknown, revoked or expired one is <c>CREDENTIAL_NOT_FOUND</c>.</summary>
    public Outcome<ApiKeyView> Revoke(string credentialId, DateTimeOffset now)
    {
        var record = records.FirstOrDefault(r => r.CredentialId == credentialId && r.IsUsableAt(now));
        if (record is null)
            return Failure.CredentialNotFound(credentialId);
        record.RevokedAt = now;
        return View(record);
    }

    /// <summary>Revokes every key, returning whether anything changed.</summary>
    public bool RevokeAll(DateTimeOffset now)
    {
        var changed = false;
        foreach (var record in records.Where(r => r.RevokedAt is null))
        {
            record.RevokedAt = now;
            changed = true;
        }
        return changed;
    }

    /// <summary>Constant-time check of a presented key hash against the stored one; the record when it is usable.</summary>
    public Outcome<CredentialRecord> Verify(string credentialId, string keyHash, DateTimeOffset now)
    {
        var record = records.FirstOrDefault(r => r.CredentialId == credentialId);
        if (record is null || !HashesEqual(record.KeyHash, keyHash) || record.RevokedAt is not null)
            return Failure.Of(ErrorCodes.InvalidApiKey, "Invalid API key");
        return record.ExpiresAt is { } expires && expires <= now
            ? Failure.Of(ErrorCodes.InvalidApiKey, "API key has expired", ("reason", "expired"))
            : record;
    }

    /// <summary>Compares two hex hashes in constant time, so response timing reveals nothing about a stored hash.</summary>
    public static bool HashesEqual(string stored, string presented) =>
        stored.Length == presented.Length
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(presented));

    private static ApiKeyView View(CredentialRecord r) =>
        new(r.CredentialId, r.Label, r.MaskedKey, r.CreatedAt, r.LastUsedAt, r.ExpiresAt);
}
