using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Credentials;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Audit;

/// <summary>
/// What each instance command changed, as audit events for the instance's log; its creation and archiving are also
/// in its client's log, where the client's instances come and go. Counters, <c>last_active_at</c> and
/// <c>effective_status</c> (the client's status seen through the instance) are not changes of the instance.
/// </summary>
public static class InstanceAudit
{
    public static AuditEvent Created(InstanceDetail instance) =>
        new(AuditActions.InstanceCreated, instance.Id, new ChangeSet()
            .Set("name", instance.Name)
            .Set("agent_type", instance.AgentType)
            .Set("description", instance.Description)
            .AddEntries("metadata", null, instance.Metadata)
            .Set("parent_instance_id", instance.ParentInstanceId)
            .Set("status", instance.Status)
            .Set("config_status", instance.ConfigStatus)
            .Changes, [instance.Id, instance.ClientId]);

    /// <summary>A PATCH: <c>instance.updated</c> for name, description and metadata keys, <c>instance.status_changed</c> for status.</summary>
    public static IReadOnlyList<AuditEvent> Updated(InstanceDetail before, InstanceDetail after)
    {
        var fields = new ChangeSet()
            .Add("name", before.Name, after.Name)
            .Add("description", before.Description, after.Description)
            .AddEntries("metadata", before.Metadata, after.Metadata);
        var status = new ChangeSet().Add("status", before.Status, after.Status);
        var events = new List<AuditEvent>();
        if (!fields.IsEmpty)
            events.Add(new(AuditActions.InstanceUpdated, after.Id, fields.Changes, [after.Id]));
        if (!status.IsEmpty)
            events.Add(new(AuditActions.InstanceStatusChanged, after.Id, status.Changes, [after.Id]));
        return events;
    }

    /// <summary>A DELETE: the archive in both logs, and each key it revoked in the instance's log.</summary>
    public static IReadOnlyList<AuditEvent> Archived(InstanceDetail before, InstanceDetail after, IEnumerable<(string CredentialId, string Label)> revokedKeys)
    {
        var status = new ChangeSet().Add("status", before.Status, after.Status);
        if (status.IsEmpty)
            return [];
        return [
            new(AuditActions.InstanceArchived, after.Id, status.Changes, [after.Id, after.ClientId]),
            .. revokedKeys.Select(k => KeyAudit.Revoked(AuditActions.InstanceApiKeyRevoked, after.Id, k.CredentialId, k.Label)),
        ];
    }

    /// <summary>Memory-architecture init: the instance's status and config status, and the version it created (never the YAML itself).</summary>
    public static AuditEvent ArchitectureInitialized(InstanceDetail before, InstanceDetail after, ConfigVersion version) =>
        new(AuditActions.InstanceArchitectureInitialized, after.Id, new ChangeSet()
            .Add("status", before.Status, after.Status)
            .Add("config_status", before.ConfigStatus, after.ConfigStatus)
            .Set("config_id", version.ConfigId)
            .Set("config_version", version.Version)
            .Changes, [after.Id]);

    /// <summary>A reset: the counters it cleared, from what they were to zero.</summary>
    public static AuditEvent Reset(InstanceDetail before, InstanceDetail after) =>
        new(AuditActions.InstanceReset, after.Id, new ChangeSet()
            .Add("memories_count", before.MemoriesCount, after.MemoriesCount)
            .Add("api_calls_24h", before.ApiCalls24h, after.ApiCalls24h)
            .Changes, [after.Id]);

    public static AuditEvent KeyCreated(string instanceId, CreatedApiKey key) => KeyAudit.Created(AuditActions.InstanceApiKeyCreated, instanceId, key);

    public static AuditEvent KeyRevoked(string instanceId, ApiKeyView key) =>
        KeyAudit.Revoked(AuditActions.InstanceApiKeyRevoked, instanceId, key.CredentialId, key.Label);
}
