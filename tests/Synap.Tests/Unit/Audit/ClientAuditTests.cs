using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Credentials;

namespace Synap.Tests.Unit.Audit;

public sealed class ClientAuditTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 16, 0, 0, TimeSpan.Zero);

    private static readonly ClientView Client = new("cli_0123456789abcdef", "Acme", null, "desc", JsonText.EmptyObject,
        ClientStatus.Active, ClientTier.Free, 60, 10, InstancesCount: 0, Now, Now);

    [Fact]
    public void Creation_records_every_field_that_has_a_value()
    {
        var created = ClientAudit.Created(Client);

        Assert.Equal(("client.created", Client.ClientId), (created.Action, created.TargetId));
        Assert.Equal(["burst", "context", "description", "name", "rate_limit_per_minute", "status", "tier"],
            created.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.All(created.Changes.Values, change => Assert.Null(change.From));
        Assert.Equal([Client.ClientId], created.LogIds);
    }

    [Fact]
    public void A_patch_of_fields_and_status_is_two_events_and_a_no_op_is_none()
    {
        var after = Client with { Name = "Acme 2", Status = ClientStatus.Inactive, InstancesCount = 3, UpdatedAt = Now.AddMinutes(1) };

        var events = ClientAudit.Updated(Client, after);

        Assert.Equal(["client.updated", "client.status_changed"], events.Select(e => e.Action));
        Assert.Equal(["name"], events[0].Changes.Keys);
        Assert.Equal(["status"], events[1].Changes.Keys);
        Assert.Empty(ClientAudit.Updated(Client, Client with { InstancesCount = 5, UpdatedAt = Now.AddDays(1) }));
    }

    [Fact]
    public void Deleting_an_already_deleted_client_records_nothing()
    {
        var deleted = Client with { Status = ClientStatus.SoftDeleted };

        Assert.Equal("client.deleted", Assert.Single(ClientAudit.Deleted(Client, deleted)).Action);
        Assert.Empty(ClientAudit.Deleted(deleted, deleted));
    }

    [Fact]
    public void A_key_event_names_the_credential_and_never_the_key()
    {
        var key = new CreatedApiKey("synap_secretsecretsecret", "cred_0123456789ab", "ci", Now, ExpiresAt: null);

        var created = ClientAudit.KeyCreated(Client.ClientId, key);
        var revoked = ClientAudit.KeyRevoked(Client.ClientId, new ApiKeyView("cred_0123456789ab", "ci", "synap_secr...et", Now, null, null));

        Assert.Equal(["credential_id", "label"], created.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(created.Changes.Values, c => c.To!.Json.Contains("secr", StringComparison.Ordinal));
        Assert.Equal(["credential_id", "label"], revoked.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("\"cred_0123456789ab\"", revoked.Changes["credential_id"].From!.Json);
        Assert.Null(revoked.Changes["credential_id"].To);
    }
}
