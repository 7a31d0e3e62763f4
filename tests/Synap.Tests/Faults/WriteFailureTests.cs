using System.Text.Json;
using Synap.Grains.Clients;
using Synap.Grains.Idempotency;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;

namespace Synap.Tests.Faults;

/// <summary>
/// A command whose state write fails leaves nothing behind: not in the grain's memory, not in another grain, not in the
/// audit log. Its retry does the whole command again, and what a later activation reads is what was answered.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class WriteFailureTests(FaultInjectionClusterFixture fixture)
{
    private readonly ApiCaller api = fixture.Api.Caller();

    [Fact]
    public async Task A_revoke_whose_write_failed_is_revoked_by_its_retry_and_stays_revoked_after_reactivation()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}/api-keys");
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        using (StorageFaults.FailWrites("client", client))
            Assert.True((await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}")).Code >= 500);

        Assert.Equal(200, (await api.Get($"/dashboard/clients/{clientId}", key)).Code);
        var retried = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}");
        Assert.True(retried.Code == 200, retried.ToString());
        await fixture.DeactivateAsync(client);
        Assert.Equal(401, (await api.Get($"/dashboard/clients/{clientId}", key)).Code);
        Assert.Empty((await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.EnumerateArray());
        Assert.Equal(["client.api_key_created", "client.api_key_revoked"], await AuditActionsAsync($"/dashboard/clients/{clientId}/audit-log"));
    }

    [Fact]
    public async Task An_instance_key_revoke_whose_write_failed_is_revoked_by_its_retry()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var instanceId = await new Scenario(api).CreateInstanceAsync(clientId);
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/instances/{instanceId}/api-keys");
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);

        using (StorageFaults.FailWrites("instance", instance))
            Assert.True((await api.Delete($"/dashboard/instances/{instanceId}/api-keys/{credentialId}")).Code >= 500);

        Assert.Equal(200, (await api.Delete($"/dashboard/instances/{instanceId}/api-keys/{credentialId}")).Code);
        await fixture.DeactivateAsync(instance);
        Assert.Equal(401, (await api.Get($"/dashboard/instances/{instanceId}", key)).Code);
    }

    [Fact]
    public async Task An_archive_whose_write_failed_is_archived_and_written_by_its_retry()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var instanceId = await new Scenario(api).CreateInstanceAsync(clientId);
        var (key, _) = await CreateKeyAsync($"/dashboard/instances/{instanceId}/api-keys");
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);

        using (StorageFaults.FailWrites("instance", instance))
            Assert.True((await api.Delete($"/dashboard/instances/{instanceId}")).Code >= 500);

        Assert.Equal("provisioning", (await api.Get($"/dashboard/instances/{instanceId}")).Str("status"));
        Assert.Equal("provisioning", (await ListingAsync(clientId)).Single().GetProperty("status").GetString());
        Assert.Equal(200, (await api.Get($"/dashboard/instances/{instanceId}", key)).Code);
        var writes = StorageFaults.WritesOf("instance", instance);
        var retried = await api.Delete($"/dashboard/instances/{instanceId}");
        Assert.True(retried.Code == 200, retried.ToString());
        Assert.True(StorageFaults.WritesOf("instance", instance) > writes, "the retried archive wrote the instance");

        await fixture.DeactivateAsync(instance);
        Assert.Equal("archived", (await api.Get($"/dashboard/instances/{instanceId}")).Str("status"));
        Assert.Equal("archived", (await ListingAsync(clientId)).Single().GetProperty("status").GetString());
        Assert.Equal(401, (await api.Get($"/dashboard/instances/{instanceId}", key)).Code);
    }

    [Fact]
    public async Task A_key_whose_creation_failed_does_not_exist_and_the_retry_creates_one()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        using (StorageFaults.FailWrites("client", client))
            Assert.True((await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "lost" })).Code >= 500);

        Assert.Empty((await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.EnumerateArray());
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}/api-keys");
        Assert.Equal(200, (await api.Get($"/dashboard/clients/{clientId}", key)).Code);
        await fixture.DeactivateAsync(client);
        Assert.Equal(credentialId, Assert.Single((await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.EnumerateArray()).GetProperty("credential_id").GetString());
        Assert.Equal(["client.api_key_created"], await AuditActionsAsync($"/dashboard/clients/{clientId}/audit-log"));
    }

    [Fact]
    public async Task A_rename_whose_write_failed_leaves_the_old_name_in_the_client_and_the_retry_converges()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var instanceId = await new Scenario(api).CreateInstanceAsync(clientId, name: "before");
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);

        using (StorageFaults.FailWrites("instance", instance))
            Assert.True((await api.Patch($"/dashboard/instances/{instanceId}", new { name = "after" })).Code >= 500);

        Assert.Equal("before", (await api.Get($"/dashboard/instances/{instanceId}")).Str("name"));
        Assert.Equal("before", (await ListingAsync(clientId)).Single().GetProperty("name").GetString());
        var retried = await api.Patch($"/dashboard/instances/{instanceId}", new { name = "after" });
        Assert.True(retried.Code == 200, retried.ToString());
        await fixture.DeactivateAsync(instance);
        Assert.Equal("after", (await api.Get($"/dashboard/instances/{instanceId}")).Str("name"));
        Assert.Equal("after", (await ListingAsync(clientId)).Single().GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_client_patch_whose_write_failed_changes_nothing_and_frees_the_name_it_asked_for()
    {
        var scenario = new Scenario(api);
        var oldName = Scenario.UniqueName();
        var newName = Scenario.UniqueName();
        var clientId = await scenario.CreateClientAsync(new { name = oldName, description = "old" });
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        using (StorageFaults.FailWrites("client", client))
            Assert.True((await api.Patch($"/dashboard/clients/{clientId}", new { name = newName, description = "new" })).Code >= 500);

        var read = await api.Get($"/dashboard/clients/{clientId}");
        Assert.Equal(oldName, read.Str("name"));
        Assert.Equal("old", read.Str("description"));
        Assert.Empty(await AuditActionsAsync($"/dashboard/clients/{clientId}/audit-log"));
        // The registry's reservation of the new name was given back: another client may take it.
        await scenario.CreateClientAsync(new { name = newName });
    }

    [Fact]
    public async Task A_write_that_committed_but_failed_is_what_the_next_activation_reads_and_later_writes_succeed()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var (key, credentialId) = await CreateKeyAsync($"/dashboard/clients/{clientId}/api-keys");
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);

        using (StorageFaults.FailWrites("client", client, kind: StorageFaultKind.AfterWrite))
            Assert.True((await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}")).Code >= 500);

        // The grain cannot know whether the write landed; it re-reads storage, where the revoke did land.
        Assert.Equal(401, (await api.Get($"/dashboard/clients/{clientId}", key)).Code);
        Assert.Equal(404, (await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}")).Code);
        var (other, _) = await CreateKeyAsync($"/dashboard/clients/{clientId}/api-keys");
        Assert.Equal(200, (await api.Get($"/dashboard/clients/{clientId}", other)).Code);
    }

    [Fact]
    public async Task An_instance_create_needs_no_registry_and_the_client_list_shows_its_count()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var registry = fixture.Grains.GetGrain<IClientRegistryMembership>(IClientRegistryGrain.Key);

        using (GrainCallFaults.FailCalls(registry, nameof(IClientRegistryMembership.PublishClient)))
        {
            // The registry's index holds no instance count, so a create does not call it: a failing registry cannot fail it.
            await new Scenario(api).CreateInstanceAsync(clientId);
            Assert.Equal(0, GrainCallFaults.Failed(registry, nameof(IClientRegistryMembership.PublishClient)));
        }

        Assert.Equal(1, (await api.Get($"/dashboard/clients/{clientId}")).Json.GetProperty("instances_count").GetInt32());
        Assert.Equal(1, await ListedInstancesCountAsync(clientId));
    }

    [Fact]
    public async Task An_idempotent_create_that_committed_but_lost_its_answer_returns_the_same_instance_when_retried()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var body = new { name = Scenario.UniqueName("agent"), agent_type = "support" };
        var idempotencyKey = $"key-{Guid.NewGuid():N}";

        // The listing is written, then the write reports a failure: the caller gets a 5xx for a create that happened.
        using (StorageFaults.FailWrites("client", client, kind: StorageFaultKind.AfterWrite))
            Assert.True((await PostWithKeyAsync(clientId, body, idempotencyKey)).Code >= 500);

        var retried = await PostWithKeyAsync(clientId, body, idempotencyKey);
        Assert.True(retried.Code == 201, retried.ToString());
        var listed = Assert.Single(await ListingAsync(clientId));
        Assert.Equal(listed.GetProperty("id").GetString(), retried.Str("id"));
        Assert.Equal(body.name, retried.Str("name"));

        // Another key for the same name is a different request: it meets the name, as any second create would.
        var other = await PostWithKeyAsync(clientId, body, $"key-{Guid.NewGuid():N}");
        Assert.Equal((409, "NAME_CONFLICT"), (other.Code, other.ErrorCode));
    }

    [Fact]
    public async Task An_idempotency_key_released_while_its_storage_is_failing_is_free_for_the_retry_at_once()
    {
        // The route failed (say the database went down) and so does recording the release: the caller's retry must
        // run, not wait out the claim's 60 s lease as IDEMPOTENCY_KEY_IN_USE.
        var grain = fixture.Grains.GetGrain<IIdempotencyGrain>($"admin:{Guid.NewGuid():N}");
        var first = await grain.Begin("request-hash");
        Assert.Equal(IdempotencyVerdict.Proceed, first.Verdict);

        using (StorageFaults.FailWrites("idempotency", grain))
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Release(first.ClaimId));

        Assert.Equal(IdempotencyVerdict.Proceed, (await grain.Begin("request-hash")).Verdict);
    }

    private Task<ApiResponse> PostWithKeyAsync(string clientId, object body, string idempotencyKey) =>
        api.Send(HttpMethod.Post, $"/dashboard/instances?client_id={clientId}", SynapApiFactory.AdminKey, body,
            configure: request => request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey));

    private async Task<int> ListedInstancesCountAsync(string clientId)
    {
        for (var page = 1; ; page++)
        {
            var list = await api.Get($"/dashboard/clients?page={page}&page_size=100");
            var data = list.Json.GetProperty("data").EnumerateArray().ToList();
            if (data.FirstOrDefault(c => c.GetProperty("client_id").GetString() == clientId) is { ValueKind: JsonValueKind.Object } client)
                return client.GetProperty("instances_count").GetInt32();
            if (data.Count < 100)
                throw new InvalidOperationException($"{clientId} is not listed");
        }
    }

    private async Task<(string Key, string CredentialId)> CreateKeyAsync(string path)
    {
        var created = await api.Post(path, new { label = "test" });
        Assert.True(created.Code == 201, created.ToString());
        return (created.Str("api_key"), created.Str("credential_id"));
    }

    private async Task<List<JsonElement>> ListingAsync(string clientId) =>
        (await api.Get($"/dashboard/instances?client_id={clientId}")).Json.GetProperty("data").EnumerateArray().ToList();

    /// <summary>The actions in a client's log after its creation, in name order.</summary>
    private async Task<List<string>> AuditActionsAsync(string path)
    {
        var log = await api.Get(path);
        Assert.True(log.Code == 200, log.ToString());
        return log.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)
            .Where(a => a != "client.created").Order(StringComparer.Ordinal).ToList();
    }
}
