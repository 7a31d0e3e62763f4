using Synap.Grains.Architecture;
using Synap.Grains.Interfaces.Instances;

namespace Synap.Grains.Audit;

/// <summary>
/// The config workflow's audit events, in the instance's log: which version changed status, and the instance's
/// <c>config_status</c> when it followed. Never the YAML itself.
/// </summary>
public static class ConfigAudit
{
    public static AuditEvent Proposed(string instanceId, ConfigVersionSummary proposed, ConfigStatus before, ConfigStatus after) =>
        Event(AuditActions.InstanceConfigProposed, instanceId, new ChangeSet()
            .Set("config_id", proposed.ConfigId)
            .Set("config_version", proposed.Version)
            .Set("status", proposed.Status), before, after);

    /// <summary>
    /// An approval, an application or a rejection: the version acted on (<c>changed[0]</c>) as <c>status</c>, and any
    /// other version it moved (superseded, rejected by an apply) as <c>versions.&lt;n&gt;.status</c>.
    /// </summary>
    public static AuditEvent Transitioned(string action, string instanceId, IReadOnlyList<ConfigVersionSummary> before,
        IReadOnlyList<ConfigVersionSummary> changed, ConfigStatus statusBefore, ConfigStatus statusAfter)
    {
        var changes = new ChangeSet().Set("config_id", changed[0].ConfigId).Set("config_version", changed[0].Version);
        foreach (var version in changed)
            changes.Add(version == changed[0] ? "status" : $"versions.{version.Version}.status", before[version.Version - 1].Status, version.Status);
        if (changed[0].ApprovedBy != before[changed[0].Version - 1].ApprovedBy)
            changes.Add("approved_by", before[changed[0].Version - 1].ApprovedBy, changed[0].ApprovedBy);
        return Event(action, instanceId, changes, statusBefore, statusAfter);
    }

    private static AuditEvent Event(string action, string instanceId, ChangeSet changes, ConfigStatus before, ConfigStatus after) =>
        new(action, instanceId, changes.Add("config_status", before, after).Changes, [instanceId]);
}
