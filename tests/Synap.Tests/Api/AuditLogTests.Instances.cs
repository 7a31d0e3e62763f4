using Synap.Tests.Infrastructure;
using static Synap.Tests.Infrastructure.AuditAssert;

namespace Synap.Tests.Api;

/// <summary>The instance changes of API.md §9: each in the instance's log; creation and archiving in its client's log as well.</summary>
public sealed partial class AuditLogTests
{
    [Fact]
    public async Task Creating_an_instance_records_one_instance_created_entry_in_its_log_and_in_its_clients_log()
    {
        var clientId = await Scenario.CreateClientAsync();
        var parentId = await Scenario.CreateInstanceAsync(clientId);
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var correlationId = NewCorrelationId();
        var name = Scenario.UniqueName("agent");

        var created = await api.SendAs(correlationId, HttpMethod.Post, $"/dashboard/instances?client_id={clientId}",
            new { name, agent_type = "support", description = "helps", metadata = new { env = "prod" }, parent_instance_id = parentId }, key);
        Assert.Equal(201, created.Code);
        var instanceId = created.Str("id");

        var inInstance = Single(await reader.EntriesAsync($"/dashboard/instances/{instanceId}"), "instance.created");
        var inClient = Assert.Single(await reader.EntriesAsync($"/dashboard/clients/{clientId}"),
            e => e.GetProperty("action").GetString() == "instance.created" && e.GetProperty("target_id").GetString() == instanceId);
        foreach (var entry in new[] { inInstance, inClient })
        {
            Entry(entry, "instance.created", instanceId, "client_key", credentialId, correlationId);
            Changes(entry, ("name", null, name), ("agent_type", null, "support"), ("description", null, "helps"), ("metadata.env", null, "prod"),
                ("parent_instance_id", null, parentId), ("status", null, "provisioning"), ("config_status", null, "pending"));
        }
        Assert.Equal(inInstance.GetProperty("id").GetString(), inClient.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Patching_an_instance_records_instance_updated_with_each_metadata_key_that_changed()
    {
        var clientId = await Scenario.CreateClientAsync();
        var oldName = Scenario.UniqueName("agent");
        var created = await api.Post($"/dashboard/instances?client_id={clientId}",
            new { name = oldName, agent_type = "support", metadata = new { env = "prod", team = "a", keep = "k" } });
        var instanceId = created.Str("id");
        var correlationId = NewCorrelationId();
        var name = Scenario.UniqueName("agent");

        var patched = await api.SendAs(correlationId, HttpMethod.Patch, $"/dashboard/instances/{instanceId}",
            new { name, description = "now described", metadata = new { env = "staging", team = (string?)null, region = "eu", keep = "k" } });
        Assert.Equal(200, patched.Code);

        var entry = Single(await reader.EntriesAsync($"/dashboard/instances/{instanceId}"), "instance.updated");
        Entry(entry, "instance.updated", instanceId, "admin", null, correlationId);
        Changes(entry, ("name", oldName, name), ("description", null, "now described"),
            ("metadata.env", "prod", "staging"), ("metadata.region", null, "eu"), ("metadata.team", "a", null));
    }

    [Fact]
    public async Task Initializing_the_memory_architecture_records_instance_architecture_initialized()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var correlationId = NewCorrelationId();

        var init = await api.SendAs(correlationId, HttpMethod.Post, $"/instances/{instanceId}/memory-architecture/init",
            new { config = "memory:\n  kind: episodic\n" });
        Assert.Equal(201, init.Code);

        var entry = Single(await reader.EntriesAsync($"/dashboard/instances/{instanceId}"), "instance.architecture_initialized");
        Entry(entry, "instance.architecture_initialized", instanceId, "admin", null, correlationId);
        Changes(entry, ("status", "provisioning", "active"), ("config_status", "pending", "active"),
            ("config_id", null, init.Str("config_id")), ("config_version", null, 1));
    }

    [Fact]
    public async Task Changing_an_instance_status_records_instance_status_changed()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        await Scenario.InitAsync(instanceId);
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var correlationId = NewCorrelationId();

        Assert.Equal(200, (await api.SendAs(correlationId, HttpMethod.Patch, $"/dashboard/instances/{instanceId}", new { status = "inactive" }, key)).Code);

        var entries = await reader.EntriesAsync($"/dashboard/instances/{instanceId}");
        var entry = Single(entries, "instance.status_changed");
        Entry(entry, "instance.status_changed", instanceId, "client_key", credentialId, correlationId);
        Changes(entry, ("status", "active", "inactive"));
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString() == "instance.updated");
    }

    [Fact]
    public async Task Archiving_an_instance_records_instance_archived_in_both_logs_and_each_key_it_revoked()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var (_, instanceCredential) = await CreateKeyAsync($"/dashboard/instances/{instanceId}");
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var correlationId = NewCorrelationId();

        Assert.Equal(200, (await api.SendAs(correlationId, HttpMethod.Delete, $"/dashboard/instances/{instanceId}", key: key)).Code);

        var instanceEntries = await reader.EntriesAsync($"/dashboard/instances/{instanceId}");
        var archived = Single(instanceEntries, "instance.archived");
        var inClient = Assert.Single(await reader.EntriesAsync($"/dashboard/clients/{clientId}"),
            e => e.GetProperty("action").GetString() == "instance.archived");
        Assert.Equal(archived.GetRawText(), inClient.GetRawText());
        Entry(archived, "instance.archived", instanceId, "client_key", credentialId, correlationId);
        Changes(archived, ("status", "provisioning", "archived"));
        var revoked = Single(instanceEntries, "instance.api_key_revoked");
        Entry(revoked, "instance.api_key_revoked", instanceId, "client_key", credentialId, correlationId);
        Changes(revoked, ("credential_id", instanceCredential, null), ("label", "test", null));
    }

    [Fact]
    public async Task Creating_and_revoking_an_instance_key_records_instance_api_key_created_and_revoked()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var (createCorrelation, revokeCorrelation) = (NewCorrelationId(), NewCorrelationId());

        var created = await api.SendAs(createCorrelation, HttpMethod.Post, $"/dashboard/instances/{instanceId}/api-keys", new { });
        var credentialId = created.Str("credential_id");
        await api.SendAs(revokeCorrelation, HttpMethod.Delete, $"/dashboard/instances/{instanceId}/api-keys/{credentialId}");

        var entries = await reader.EntriesAsync($"/dashboard/instances/{instanceId}");
        var creation = Single(entries, "instance.api_key_created");
        Entry(creation, "instance.api_key_created", instanceId, "admin", null, createCorrelation);
        Changes(creation, ("credential_id", null, credentialId), ("label", null, "default"));
        var revocation = Single(entries, "instance.api_key_revoked");
        Entry(revocation, "instance.api_key_revoked", instanceId, "admin", null, revokeCorrelation);
        Changes(revocation, ("credential_id", credentialId, null), ("label", "default", null));
        Assert.Equal(["instance.api_key_revoked", "instance.api_key_created", "instance.created"], entries.Select(e => e.GetProperty("action").GetString()));
    }
}
