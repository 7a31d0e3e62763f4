using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Credentials;

namespace Synap.Grains.Audit;

/// <summary>What each client command changed, as audit events for the client's log. Derived counters (<c>instances_count</c>) and <c>updated_at</c> are not changes of their own.</summary>
public static class ClientAudit
{
    public static AuditEvent Created(ClientView client) =>
        new(AuditActions.ClientCreated, client.ClientId, new ChangeSet()
            .Set("name", client.Name)
            .Set("website", client.Website)
            .Set("description", client.Description)
            .Set("context", client.Context)
            .Set("status", client.Status)
            .Set("tier", client.Tier)
            .Set("rate_limit_per_minute", client.RateLimitPerMinute)
            .Set("burst", client.Burst)
            .Changes, [client.ClientId]);

    /// <summary>
    /// A PATCH: field changes as <c>client.updated</c> and a status change as its own <c>client.status_changed</c>, so
    /// filtering by action finds every suspension. Nothing for a no-op.
    /// </summary>
    public static IReadOnlyList<AuditEvent> Updated(ClientView before, ClientView after)
    {
        var fields = new ChangeSet()
            .Add("name", before.Name, after.Name)
            .Add("website", before.Website, after.Website)
            .Add("description", before.Description, after.Description)
            .Add("context", before.Context, after.Context)
            .Add("tier", before.Tier, after.Tier)
            .Add("rate_limit_per_minute", before.RateLimitPerMinute, after.RateLimitPerMinute)
            .Add("burst", before.Burst, after.Burst);
        var events = new List<AuditEvent>();
        if (!fields.IsEmpty)
            events.Add(new(AuditActions.ClientUpdated, after.ClientId, fields.Changes, [after.ClientId]));
        if (StatusChange(before, after) is { } status)
            events.Add(new(AuditActions.ClientStatusChanged, after.ClientId, status.Changes, [after.ClientId]));
        return events;
    }

    /// <summary>A DELETE (soft delete); nothing when the client was already deleted.</summary>
    public static IReadOnlyList<AuditEvent> Deleted(ClientView before, ClientView after) =>
        StatusChange(before, after) is { } status ? [new(AuditActions.ClientDeleted, after.ClientId, status.Changes, [after.ClientId])] : [];

    public static AuditEvent KeyCreated(string clientId, CreatedApiKey key) => KeyAudit.Created(AuditActions.ClientApiKeyCreated, clientId, key);

    public static AuditEvent KeyRevoked(string clientId, ApiKeyView key) =>
        KeyAudit.Revoked(AuditActions.ClientApiKeyRevoked, clientId, key.CredentialId, key.Label);

    private static ChangeSet? StatusChange(ClientView before, ClientView after)
    {
        var status = new ChangeSet().Add("status", before.Status, after.Status);
        return status.IsEmpty ? null : status;
    }
}
