using System.Globalization;
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
/// <remarks>
/// Bounded: at most <see cref="MaxActiveKeys"/> usable keys, so keys cannot multiply an owner's rate limit, and a
/// revoked or expired record is kept <see cref="RevokedRetention"/> (so a recently revoked key is still recognised as
/// ours in logs and support) and then dropped the next time the owner issues or revokes a key, when it writes its
/// state anyway. The records list therefore holds at most the cap plus what was revoked or expired in that window.
/// </remarks>
public sealed class CredentialSet(List<CredentialRecord> records)
{
    public const string DefaultLabel = "default";

    /// <summary>Usable (not revoked, not expired) keys one client or one instance may hold at once.</summary>
    public const int MaxActiveKeys = 25;

    /// <summary>How long a revoked or expired record stays in the owner's state before it is pruned.</summary>
    public static readonly TimeSpan RevokedRetention = TimeSpan.FromDays(30);

    /// <summary>Checks a create command; the failure names the field.</summary>
    public static Failure? Validate(CreateApiKeyCommand command, DateTimeOffset now)
    {
        if (FieldRules.Label(command.Label) is { } badLabel)
            return badLabel;
        return command.ExpiresAt is { } expires && expires <= now ? Failure.InvalidInput("expires_at", "must be in the future") : null;
    }

    /// <summary><c>API_KEY_LIMIT_REACHED</c> when the owner already holds <see cref="MaxActiveKeys"/> usable keys.</summary>
    public Failure? CheckRoomForKey(DateTimeOffset now)
    {
        var active = records.Count(r => r.IsUsableAt(now));
        return active < MaxActiveKeys
            ? null
            : Failure.Of(ErrorCodes.ApiKeyLimitReached, $"At most {MaxActiveKeys} active API keys per owner: revoke one first",
                ("limit", MaxActiveKeys.ToString(CultureInfo.InvariantCulture)), ("active", active.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Mints a key without recording it yet: the caller registers its hash in the key index, then <see cref="Add"/>s
    /// it, so a failed registration leaves the set as it was.
    /// </summary>
    public static (CreatedApiKey Created, CredentialRecord Record) Mint(CreateApiKeyCommand command, string credentialId, DateTimeOffset now)
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
        return (new CreatedApiKey(key, credentialId, record.Label, now, record.ExpiresAt), record);
    }

    /// <summary>Records a minted key, pruning records past their retention while the owner is about to write anyway.</summary>
    public void Add(CredentialRecord record, DateTimeOffset now)
    {
        Prune(now);
        records.Add(record);
    }

    /// <summary>Drops records revoked or expired more than <see cref="RevokedRetention"/> ago; returns how many.</summary>
    public int Prune(DateTimeOffset now) => records.RemoveAll(r => r.IsPrunableAt(now, RevokedRetention));

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
        Prune(now);
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
