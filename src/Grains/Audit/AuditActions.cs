namespace Synap.Grains.Audit;

/// <summary>The <c>action</c> of every audit entry, <c>&lt;target&gt;.&lt;verb&gt;</c>; listed for users in <c>docs/audit-actions.md</c>.</summary>
public static class AuditActions
{
    public const string ClientCreated = "client.created";
    public const string ClientUpdated = "client.updated";
    public const string ClientStatusChanged = "client.status_changed";
    public const string ClientDeleted = "client.deleted";
    public const string ClientApiKeyCreated = "client.api_key_created";
    public const string ClientApiKeyRevoked = "client.api_key_revoked";

    public const string InstanceCreated = "instance.created";
    public const string InstanceUpdated = "instance.updated";
    public const string InstanceStatusChanged = "instance.status_changed";
    public const string InstanceArchived = "instance.archived";
    public const string InstanceReset = "instance.reset";
    public const string InstanceApiKeyCreated = "instance.api_key_created";
    public const string InstanceApiKeyRevoked = "instance.api_key_revoked";
    public const string InstanceArchitectureInitialized = "instance.architecture_initialized";
    public const string InstanceBootstrapKeyCreated = "instance.bootstrap_key_created";
    public const string InstanceBootstrapKeyRevoked = "instance.bootstrap_key_revoked";
    public const string InstanceBootstrapKeyExchanged = "instance.bootstrap_key_exchanged";
    public const string InstanceConfigProposed = "instance.config_proposed";
    public const string InstanceConfigApproved = "instance.config_approved";
    public const string InstanceConfigApplied = "instance.config_applied";
    public const string InstanceConfigRejected = "instance.config_rejected";
}
