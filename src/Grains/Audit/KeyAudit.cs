using Synap.Grains.Interfaces.Credentials;

namespace Synap.Grains.Audit;

/// <summary>
/// The changes of key creation and revocation: the credential id, label and expiry. Never the key, its hash or
/// its masked form: the log is readable by every key of the client, and a secret written there would outlive its revocation.
/// </summary>
public static class KeyAudit
{
    public static AuditEvent Created(string action, string ownerId, CreatedApiKey key) =>
        new(action, ownerId, new ChangeSet()
            .Set("credential_id", key.CredentialId)
            .Set("label", key.Label)
            .Set("expires_at", key.ExpiresAt)
            .Changes, [ownerId]);

    /// <summary>The credential leaves the owner's active keys: the mirror image of its creation.</summary>
    public static AuditEvent Revoked(string action, string ownerId, string credentialId, string label) =>
        new(action, ownerId, new ChangeSet()
            .Add("credential_id", credentialId, null)
            .Add("label", label, null)
            .Changes, [ownerId]);
}
