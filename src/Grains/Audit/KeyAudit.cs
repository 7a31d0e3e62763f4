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

    public static AuditEvent BootstrapCreated(string instanceId, string keyId, DateTimeOffset expiresAt) =>
        new(AuditActions.InstanceBootstrapKeyCreated, instanceId, new ChangeSet()
            .Set("key_id", keyId)
            .Set("expires_at", expiresAt)
            .Changes, [instanceId]);

    public static AuditEvent BootstrapRevoked(string instanceId, string keyId) =>
        new(AuditActions.InstanceBootstrapKeyRevoked, instanceId, new ChangeSet().Add("key_id", keyId, null).Changes, [instanceId]);

    /// <summary>The bootstrap key is consumed and an instance key takes its place.</summary>
    public static AuditEvent BootstrapExchanged(string instanceId, string keyId, ExchangedApiKey key) =>
        new(AuditActions.InstanceBootstrapKeyExchanged, instanceId, new ChangeSet()
            .Add("key_id", keyId, null)
            .Set("credential_id", key.CredentialId)
            .Set("label", key.Label)
            .Changes, [instanceId]);
}
