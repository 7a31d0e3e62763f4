using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Infrastructure.AuditAssert;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §9 through the real pipeline: one test per kind of change, checking the action, target, actor, the caller's
/// correlation id and the field changes; then order, paging, who may read, secrets and no-ops. Changes go through
/// one API node and are read through the other.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class AuditLogTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();
    private readonly ApiCaller reader = cluster.Api2.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task Creating_a_client_records_client_created_with_the_admin_and_the_callers_correlation_id()
    {
        var correlationId = NewCorrelationId();
        var name = Scenario.UniqueName();
        var created = await api.SendAs(correlationId, HttpMethod.Post, "/dashboard/clients", new { name, website = "https://acme.test", context = new { plan = "gold" } });
        var clientId = created.Str("client_id");

        var entry = Single(await reader.EntriesAsync($"/dashboard/clients/{clientId}"), "client.created");

        Entry(entry, "client.created", clientId, "admin", credentialId: null, correlationId);
        Changes(entry, ("name", null, name), ("website", null, "https://acme.test"), ("context", null, new { plan = "gold" }),
            ("status", null, "active"), ("tier", null, "free"), ("rate_limit_per_minute", null, 60), ("burst", null, 10));
    }

    [Fact]
    public async Task Patching_a_client_with_its_key_records_client_updated_with_each_changed_field()
    {
        var oldName = Scenario.UniqueName();
        var clientId = await Scenario.CreateClientAsync(new { name = oldName, description = "old", context = new { a = 1 } });
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var correlationId = NewCorrelationId();
        var name = Scenario.UniqueName();

        var patched = await api.SendAs(correlationId, HttpMethod.Patch, $"/dashboard/clients/{clientId}",
            new { name, description = (string?)null, website = "https://new.test", context = new { a = 2 } }, key);
        Assert.Equal(200, patched.Code);

        var entry = Single(await reader.EntriesAsync($"/dashboard/clients/{clientId}"), "client.updated");
        Entry(entry, "client.updated", clientId, "client_key", credentialId, correlationId);
        Changes(entry, ("name", oldName, name), ("description", "old", null), ("website", null, "https://new.test"),
            ("context", new { a = 1 }, new { a = 2 }));
    }

    [Fact]
    public async Task A_status_change_is_recorded_as_client_status_changed_apart_from_the_tier_change_beside_it()
    {
        var clientId = await Scenario.CreateClientAsync();
        var correlationId = NewCorrelationId();

        var patched = await api.SendAs(correlationId, HttpMethod.Patch, $"/dashboard/clients/{clientId}", new { status = "inactive", tier = "pro" });
        Assert.Equal(200, patched.Code);

        var entries = await reader.EntriesAsync($"/dashboard/clients/{clientId}");
        var status = Single(entries, "client.status_changed");
        Entry(status, "client.status_changed", clientId, "admin", null, correlationId);
        Changes(status, ("status", "active", "inactive"));
        var tier = Single(entries, "client.updated");
        Entry(tier, "client.updated", clientId, "admin", null, correlationId);
        Changes(tier, ("tier", "free", "pro"), ("rate_limit_per_minute", 60, 600), ("burst", 10, 50));
    }

    [Fact]
    public async Task Deleting_a_client_records_client_deleted_once()
    {
        var clientId = await Scenario.CreateClientAsync();
        var correlationId = NewCorrelationId();

        Assert.Equal(200, (await api.SendAs(correlationId, HttpMethod.Delete, $"/dashboard/clients/{clientId}")).Code);
        Assert.Equal(200, (await api.Delete($"/dashboard/clients/{clientId}")).Code);

        var entry = Single(await reader.EntriesAsync($"/dashboard/clients/{clientId}"), "client.deleted");
        Entry(entry, "client.deleted", clientId, "admin", null, correlationId);
        Changes(entry, ("status", "active", "soft_deleted"));
    }

    [Fact]
    public async Task Creating_and_revoking_a_client_key_records_its_credential_id_and_label()
    {
        var clientId = await Scenario.CreateClientAsync();
        var (key, keyCredential) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var (createCorrelation, revokeCorrelation) = (NewCorrelationId(), NewCorrelationId());

        var created = await api.SendAs(createCorrelation, HttpMethod.Post, $"/dashboard/clients/{clientId}/api-keys",
            new { label = "ci", expires_at = "2099-01-02T03:04:05Z" }, key);
        var credentialId = created.Str("credential_id");
        await api.SendAs(revokeCorrelation, HttpMethod.Delete, $"/dashboard/clients/{clientId}/api-keys/{credentialId}", key: key);

        var entries = await reader.EntriesAsync($"/dashboard/clients/{clientId}");
        var creation = Assert.Single(entries, e => e.GetProperty("action").GetString() == "client.api_key_created"
            && e.GetProperty("changes").GetProperty("credential_id").GetProperty("to").GetString() == credentialId);
        Entry(creation, "client.api_key_created", clientId, "client_key", keyCredential, createCorrelation);
        Changes(creation, ("credential_id", null, credentialId), ("label", null, "ci"), ("expires_at", null, "2099-01-02T03:04:05Z"));
        var revocation = Single(entries, "client.api_key_revoked");
        Entry(revocation, "client.api_key_revoked", clientId, "client_key", keyCredential, revokeCorrelation);
        Changes(revocation, ("credential_id", credentialId, null), ("label", "ci", null));
    }

    [Fact]
    public async Task Entries_are_listed_newest_first_in_pages_of_the_common_envelope()
    {
        var clientId = await Scenario.CreateClientAsync();
        for (var i = 1; i <= 4; i++)
            Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { description = $"v{i}" })).Code);

        var all = await reader.EntriesAsync($"/dashboard/clients/{clientId}");
        Assert.Equal(["client.updated", "client.updated", "client.updated", "client.updated", "client.created"],
            all.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["v4", "v3", "v2", "v1"], all.Take(4).Select(e => e.GetProperty("changes").GetProperty("description").GetProperty("to").GetString()));
        var times = all.Select(e => DateTimeOffset.Parse(e.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var pages = new List<string?>();
        for (var page = 1; page <= 3; page++)
        {
            var response = await reader.Get($"/dashboard/clients/{clientId}/audit-log?page={page}&page_size=2");
            Assert.Equal(200, response.Code);
            Assert.Equal(page, response.Json.GetProperty("page").GetInt32());
            Assert.Equal(2, response.Json.GetProperty("page_size").GetInt32());
            Assert.Equal(5, response.Json.GetProperty("total").GetInt32());
            Assert.Equal(3, response.Json.GetProperty("total_pages").GetInt32());
            pages.AddRange(response.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        }
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), pages);
        Assert.Equal(400, (await reader.Get($"/dashboard/clients/{clientId}/audit-log?page_size=101")).Code);
    }

    [Fact]
    public async Task Flipping_a_64_KiB_context_records_each_side_as_its_length_and_hash_not_its_content()
    {
        var clientId = await Scenario.CreateClientAsync();
        var contexts = new[] { 'a', 'b', 'a', 'b' }.Select(fill => $$"""{"blob":"{{new string(fill, 65_000)}}"}""").ToList();
        foreach (var context in contexts)
            Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { context = JsonDocument.Parse(context).RootElement })).Code);

        var listing = await reader.Get($"/dashboard/clients/{clientId}/audit-log?page_size=100");

        Assert.True(listing.Text.Length < 4096, $"{listing.Text.Length} characters");
        var updates = listing.Json.GetProperty("data").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "client.updated").ToList();
        Assert.Equal(4, updates.Count);
        var newest = updates[0].GetProperty("changes").GetProperty("context");
        var to = newest.GetProperty("to");
        Assert.True(to.GetProperty("omitted").GetBoolean());
        Assert.Equal(65_011, to.GetProperty("bytes").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contexts[^1]))), to.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contexts[^2]))), newest.GetProperty("from").GetProperty("sha256").GetString());
        Assert.True(await StoredAuditBytesAsync(clientId) < 8192, "the stored log stays small");
    }

    [Fact]
    public async Task A_no_op_or_refused_patch_appends_nothing()
    {
        var name = Scenario.UniqueName();
        var clientId = await Scenario.CreateClientAsync(new { name, description = "same" });
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var otherInstance = await Scenario.CreateInstanceAsync(clientId);
        var instanceName = (await api.Get($"/dashboard/instances/{instanceId}")).Str("name");
        var clientBefore = await reader.EntriesAsync($"/dashboard/clients/{clientId}");
        var instanceBefore = await reader.EntriesAsync($"/dashboard/instances/{instanceId}");

        Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { name, description = "same", status = "active", tier = "free" })).Code);
        Assert.Equal(200, (await api.Patch($"/dashboard/instances/{instanceId}", new { name = instanceName, metadata = new { gone = (string?)null } })).Code);
        Assert.Equal(409, (await api.Patch($"/dashboard/instances/{instanceId}", new { status = "inactive" })).Code);
        Assert.Equal(409, (await api.Patch($"/dashboard/instances/{otherInstance}", new { name = instanceName })).Code);

        Assert.Equal(clientBefore.Count, (await reader.EntriesAsync($"/dashboard/clients/{clientId}")).Count);
        Assert.Equal(instanceBefore.Count, (await reader.EntriesAsync($"/dashboard/instances/{instanceId}")).Count);
        Assert.Single(await reader.EntriesAsync($"/dashboard/instances/{otherInstance}"));
    }

    [Fact]
    public async Task Another_tenants_client_key_gets_the_same_404_as_a_missing_id()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var stranger = await Scenario.CreateClientKeyAsync(await Scenario.CreateClientAsync());

        var foreignClient = await reader.Get($"/dashboard/clients/{clientId}/audit-log", stranger);
        var foreignInstance = await reader.Get($"/dashboard/instances/{instanceId}/audit-log", stranger);
        var missingClient = await reader.Get("/dashboard/clients/cli_0000000000000000/audit-log", stranger);
        var missingInstance = await reader.Get("/dashboard/instances/inst_0000000000000000/audit-log", stranger);

        Assert.Equal((404, "CLIENT_NOT_FOUND"), (foreignClient.Code, foreignClient.ErrorCode));
        Assert.Equal((404, "INSTANCE_NOT_FOUND"), (foreignInstance.Code, foreignInstance.ErrorCode));
        Assert.Equal((missingClient.Code, missingClient.ErrorCode), (foreignClient.Code, foreignClient.ErrorCode));
        Assert.Equal((missingInstance.Code, missingInstance.ErrorCode), (foreignInstance.Code, foreignInstance.ErrorCode));
    }

    [Fact]
    public async Task An_instance_key_is_forbidden_its_own_logs_and_sees_no_other_instance()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var sibling = await Scenario.CreateInstanceAsync(clientId);
        var instanceKey = await Scenario.CreateInstanceKeyAsync(instanceId);
        var clientKey = await Scenario.CreateClientKeyAsync(clientId);

        var ownInstance = await reader.Get($"/dashboard/instances/{instanceId}/audit-log", instanceKey);
        var ownClient = await reader.Get($"/dashboard/clients/{clientId}/audit-log", instanceKey);
        var siblingLog = await reader.Get($"/dashboard/instances/{sibling}/audit-log", instanceKey);

        Assert.Equal((403, "FORBIDDEN"), (ownInstance.Code, ownInstance.ErrorCode));
        Assert.Equal((403, "FORBIDDEN"), (ownClient.Code, ownClient.ErrorCode));
        Assert.Equal((404, "INSTANCE_NOT_FOUND"), (siblingLog.Code, siblingLog.ErrorCode));
        Assert.Equal(200, (await reader.Get($"/dashboard/instances/{instanceId}/audit-log", clientKey)).Code);
        Assert.Equal(200, (await reader.Get($"/dashboard/clients/{clientId}/audit-log", clientKey)).Code);
        Assert.Equal(401, (await reader.Get($"/dashboard/clients/{clientId}/audit-log", key: null)).Code);
        Assert.Equal("INVALID_CLIENT_ID", (await reader.Get("/dashboard/clients/cli_nope/audit-log")).ErrorCode);
    }

    [Fact]
    public async Task No_entry_contains_any_part_of_a_key_or_of_its_hash()
    {
        var clientId = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var (clientKey, _) = await CreateKeyAsync($"/dashboard/clients/{clientId}");
        var (instanceKey, _) = await CreateKeyAsync($"/dashboard/instances/{instanceId}", clientKey);
        var (revokedKey, revokedId) = await CreateKeyAsync($"/dashboard/instances/{instanceId}", clientKey);
        Assert.Equal(200, (await api.Delete($"/dashboard/instances/{instanceId}/api-keys/{revokedId}", clientKey)).Code);
        Assert.Equal(200, (await api.Delete($"/dashboard/instances/{instanceId}", clientKey)).Code);

        var listings = new[]
        {
            (await reader.Get($"/dashboard/clients/{clientId}/audit-log?page_size=100")).Text,
            (await reader.Get($"/dashboard/instances/{instanceId}/audit-log?page_size=100")).Text,
        };
        Assert.Contains("instance.api_key_created", listings[1]);
        foreach (var key in new[] { clientKey, instanceKey, revokedKey })
        {
            var secret = key["synap_".Length..];
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            var forbidden = Windows(secret, 8)
                .Append(secret[..4] + "..." + secret[^2..])
                .Concat(Windows(hash, 16)).Concat(Windows(hash.ToUpperInvariant(), 16));
            foreach (var listing in listings)
                foreach (var part in forbidden)
                    Assert.DoesNotContain(part, listing, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Trusted_orleans_callers_are_audited_with_the_correlation_id_of_their_request_context()
    {
        var correlationId = NewCorrelationId();
        var registry = cluster.Grains.GetGrain<IClientRegistryGrain>(IClientRegistryGrain.Key);
        RequestContext.Set(RequestContextKeys.CorrelationId, correlationId);
        string clientId;
        try
        {
            clientId = (await registry.CreateClient(new CreateClientCommand(Scenario.UniqueName()), Actor.Admin)).Value!.ClientId;
        }
        finally
        {
            RequestContext.Remove(RequestContextKeys.CorrelationId);
        }
        var renamed = await cluster.Grains.GetGrain<IClientGrain>(clientId)
            .Update(new UpdateClientCommand(Description: new(Value: "from a back end")), Actor.Admin);
        Assert.True(renamed.IsSuccess);

        var entries = await reader.EntriesAsync($"/dashboard/clients/{clientId}");
        Entry(Single(entries, "client.created"), "client.created", clientId, "admin", null, correlationId);
        var update = Single(entries, "client.updated");
        Entry(update, "client.updated", clientId, "admin", null, correlationId: null);
        Changes(update, ("description", null, "from a back end"));
    }

    private async Task<(string Key, string CredentialId)> CreateKeyAsync(string ownerPath, string key = SynapApiFactory.AdminKey)
    {
        var created = await api.Post($"{ownerPath}/api-keys", new { label = "test" }, key);
        Assert.True(created.Code == 201, created.ToString());
        return (created.Str("api_key"), created.Str("credential_id"));
    }

    /// <summary>The bytes the client's audit log takes in storage (its head and its segments).</summary>
    private async Task<long> StoredAuditBytesAsync(string logId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(length(PayloadBinary)), 0) FROM OrleansStorage WHERE GrainTypeString LIKE 'audit-%' AND (GrainIdExtensionString = @log OR GrainIdExtensionString LIKE @log || '/%')",
            connection);
        command.Parameters.AddWithValue("log", logId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Windows(string text, int length) =>
        Enumerable.Range(0, text.Length - length + 1).Select(i => text.Substring(i, length));
}
