using System.Text.Json;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>API.md §6 instance API keys (create, list, revoke) and §2 what an instance key may do.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceApiKeyTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    private ApiCaller Api => steps.Api;

    private async Task<(Tenant Tenant, string InstanceId)> ActiveInstanceAsync()
    {
        var tenant = await steps.NewTenantAsync();
        return (tenant, await steps.InstanceInStatusAsync(tenant.ClientId, "active"));
    }

    [Fact]
    public async Task Creating_a_key_returns_the_secret_once_with_the_documented_fields()
    {
        var (tenant, id) = await ActiveInstanceAsync();

        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "worker-1" }, tenant.ClientKey);

        Expect(201, created);
        ExpectFields(created.Json, "api_key", "credential_id", "label", "created_at", "expires_at");
        Assert.Matches("^synap_[A-Za-z0-9]{46}$", created.Str("api_key"));
        Assert.Matches("^cred_[0-9a-f]{12}$", created.Str("credential_id"));
        Assert.Equal("worker-1", created.Str("label"));
        ExpectUtcTime(created.Json.GetProperty("created_at"));
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("expires_at").ValueKind);
        Expect(200, await steps.GetAsync(id, created.Str("api_key")));
    }

    [Fact]
    public async Task A_key_created_without_a_body_is_labelled_default()
    {
        var (tenant, id) = await ActiveInstanceAsync();

        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", body: null, tenant.ClientKey);
        var emptyObject = await Api.Post($"/dashboard/instances/{id}/api-keys", new { }, tenant.ClientKey);

        Expect(201, created);
        Assert.Equal("default", created.Str("label"));
        Expect(201, emptyObject);
        Assert.Equal("default", emptyObject.Str("label"));
    }

    [Fact]
    public async Task A_key_may_be_created_for_an_instance_that_is_still_provisioning()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);

        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "early" }, tenant.ClientKey);

        Expect(201, created);
    }

    [Fact]
    public async Task Many_keys_coexist_and_the_list_shows_them_masked()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var first = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "one" }, tenant.ClientKey);
        var second = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "two", expires_at = expires.ToString("O") }, tenant.ClientKey);

        var list = await Api.Get($"/dashboard/instances/{id}/api-keys", tenant.ClientKey);

        Expect(200, list);
        Assert.Equal(JsonValueKind.Array, list.Json.ValueKind);
        var items = list.Json.EnumerateArray().ToList();
        Assert.Equal([first.Str("credential_id"), second.Str("credential_id")], items.Select(i => i.GetProperty("credential_id").GetString()));
        foreach (var (item, created) in items.Zip([first, second]))
        {
            ExpectFields(item, "credential_id", "label", "masked_key", "created_at", "last_used_at", "expires_at");
            var secret = created.Str("api_key");
            Assert.Equal($"synap_{secret[6..10]}...{secret[^2..]}", item.GetProperty("masked_key").GetString());
            Assert.Equal(created.Str("label"), item.GetProperty("label").GetString());
            Assert.DoesNotContain(secret, list.Text, StringComparison.Ordinal);
        }
        Assert.Equal(expires, Time(items[1].GetProperty("expires_at")), TimeSpan.FromMilliseconds(1));
        Expect(200, await steps.GetAsync(id, first.Str("api_key")));
        Expect(200, await steps.GetAsync(id, second.Str("api_key")));
    }

    [Theory]
    [InlineData("label", """{"label": ""}""")]
    [InlineData("label", """{"label": "   "}""")]
    [InlineData("label", """{"label": 3}""")]
    [InlineData("expires_at", """{"expires_at": "2001-01-01T00:00:00Z"}""")]
    [InlineData("expires_at", """{"expires_at": "tomorrow"}""")]
    public async Task An_invalid_key_request_is_invalid_input_and_creates_no_key(string field, string body)
    {
        var (tenant, id) = await ActiveInstanceAsync();

        var created = await Api.Send(HttpMethod.Post, $"/dashboard/instances/{id}/api-keys", tenant.ClientKey, body);

        ExpectInvalidInput(field, created);
        Assert.Equal(0, (await Api.Get($"/dashboard/instances/{id}/api-keys")).Json.GetArrayLength());
    }

    [Fact]
    public async Task A_label_over_100_characters_is_invalid_input()
    {
        var (tenant, id) = await ActiveInstanceAsync();

        var longest = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = new string('l', 100) }, tenant.ClientKey);
        var tooLong = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = new string('l', 101) }, tenant.ClientKey);

        Expect(201, longest);
        ExpectInvalidInput("label", tooLong);
    }

    [Fact]
    public async Task Revoking_a_key_answers_success_and_removes_it_from_the_list()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var kept = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "kept" }, tenant.ClientKey);
        var revoked = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "revoked" }, tenant.ClientKey);

        var response = await Api.Delete($"/dashboard/instances/{id}/api-keys/{revoked.Str("credential_id")}", tenant.ClientKey);

        Expect(200, response);
        Assert.Equal("""{"success":true,"message":"API key revoked successfully."}""", response.Text);
        var list = await Api.Get($"/dashboard/instances/{id}/api-keys", tenant.ClientKey);
        Assert.Equal([kept.Str("credential_id")], list.Json.EnumerateArray().Select(i => i.GetProperty("credential_id").GetString()));
        ExpectError(401, "INVALID_API_KEY", await steps.GetAsync(id, revoked.Str("api_key")));
        Expect(200, await steps.GetAsync(id, kept.Str("api_key")));
    }

    [Fact]
    public async Task Revoked_key_is_refused_on_every_api_node()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var api2 = cluster.Api2.Caller();
        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "agent" }, tenant.ClientKey);
        var key = created.Str("api_key");
        Expect(200, await api2.Get($"/dashboard/instances/{id}", key));
        Expect(200, await Api.Get($"/dashboard/instances/{id}", key));

        Expect(200, await Api.Delete($"/dashboard/instances/{id}/api-keys/{created.Str("credential_id")}", tenant.ClientKey));

        ExpectError(401, "INVALID_API_KEY", await api2.Get($"/dashboard/instances/{id}", key));
        ExpectError(401, "INVALID_API_KEY", await Api.Get($"/dashboard/instances/{id}", key));
    }

    [Fact]
    public async Task Revoking_an_unknown_or_already_revoked_key_is_credential_not_found()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "once" }, tenant.ClientKey);
        var path = $"/dashboard/instances/{id}/api-keys/{created.Str("credential_id")}";
        Expect(200, await Api.Delete(path, tenant.ClientKey));

        var again = await Api.Delete(path, tenant.ClientKey);
        var unknown = await Api.Delete($"/dashboard/instances/{id}/api-keys/cred_0000000000ff", tenant.ClientKey);
        var malformed = await Api.Delete($"/dashboard/instances/{id}/api-keys/cred_XYZ", tenant.ClientKey);
        var trailingNewline = await Api.Delete($"/dashboard/instances/{id}/api-keys/cred_0000000000ff%0A", tenant.ClientKey);

        ExpectError(404, "CREDENTIAL_NOT_FOUND", again);
        Assert.Equal(created.Str("credential_id"), Detail(again, "credential_id"));
        ExpectError(404, "CREDENTIAL_NOT_FOUND", unknown);
        ExpectInvalidInput("credential_id", malformed);
        ExpectInvalidInput("credential_id", trailingNewline);
    }

    [Fact]
    public async Task A_key_of_one_instance_cannot_be_revoked_through_another_instance()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var other = await steps.CreateInstanceAsync(tenant.ClientId);
        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "mine" }, tenant.ClientKey);

        var refused = await Api.Delete($"/dashboard/instances/{other}/api-keys/{created.Str("credential_id")}", tenant.ClientKey);

        ExpectError(404, "CREDENTIAL_NOT_FOUND", refused);
        Expect(200, await steps.GetAsync(id, created.Str("api_key")));
    }

    [Fact]
    public async Task Another_clients_key_cannot_see_or_touch_an_instances_keys()
    {
        var (owner, id) = await ActiveInstanceAsync();
        var intruder = await steps.NewTenantAsync();
        var created = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "mine" }, owner.ClientKey);

        var list = await Api.Get($"/dashboard/instances/{id}/api-keys", intruder.ClientKey);
        var create = await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "planted" }, intruder.ClientKey);
        var revoke = await Api.Delete($"/dashboard/instances/{id}/api-keys/{created.Str("credential_id")}", intruder.ClientKey);

        ExpectError(404, "INSTANCE_NOT_FOUND", list);
        ExpectError(404, "INSTANCE_NOT_FOUND", create);
        ExpectError(404, "INSTANCE_NOT_FOUND", revoke);
        Expect(200, await steps.GetAsync(id, created.Str("api_key")));
        Assert.Equal(1, (await Api.Get($"/dashboard/instances/{id}/api-keys")).Json.GetArrayLength());
    }

    [Fact]
    public async Task An_expired_key_is_refused_with_reason_expired_and_leaves_the_list()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var created = await Api.Post($"/dashboard/instances/{id}/api-keys",
            new { label = "short", expires_at = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O") }, tenant.ClientKey);
        Expect(201, created);
        var key = created.Str("api_key");

        var refused = await PollAsync(() => steps.GetAsync(id, key), r => r.Code == 401, TimeSpan.FromSeconds(10));

        ExpectError(401, "INVALID_API_KEY", refused);
        Assert.Equal("expired", Detail(refused, "reason"));
        Assert.Equal(0, (await Api.Get($"/dashboard/instances/{id}/api-keys", tenant.ClientKey)).Json.GetArrayLength());
    }

    [Fact]
    public async Task An_instance_key_reads_its_own_instance_only()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var sibling = await steps.CreateInstanceAsync(tenant.ClientId);
        var key = await steps.Scenario.CreateInstanceKeyAsync(id);

        var own = await steps.GetAsync(id, key);
        var other = await steps.GetAsync(sibling, key);
        var otherKeys = await Api.Get($"/dashboard/instances/{sibling}/api-keys", key);

        Expect(200, own);
        Assert.Equal(id, own.Str("id"));
        ExpectError(404, "INSTANCE_NOT_FOUND", other);
        Assert.Equal(sibling, Detail(other, "instance_id"));
        ExpectError(404, "INSTANCE_NOT_FOUND", otherKeys);
    }

    [Fact]
    public async Task An_instance_key_may_not_manage_its_instance_or_its_client()
    {
        var (tenant, id) = await ActiveInstanceAsync();
        var key = await steps.Scenario.CreateInstanceKeyAsync(id);
        var before = await steps.GetAsync(id);

        var responses = new[]
        {
            await steps.PatchAsync(id, new { name = Scenario.UniqueName("renamed") }, key),
            await steps.PatchAsync(id, new { status = "inactive" }, key),
            await steps.ArchiveAsync(id, key),
            await steps.ListAsync(tenant.ClientId, key: key),
            await steps.CreateAsync(tenant.ClientId, new { name = Scenario.UniqueName("agent"), agent_type = "support" }, key),
            await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "self" }, key),
            await Api.Get($"/dashboard/instances/{id}/api-keys", key),
            await steps.InitAsync(id, new { config = MinimalConfig }, key),
        };

        foreach (var response in responses)
            ExpectError(403, "FORBIDDEN", response);
        // The refused calls were still authenticated calls of the instance's key, so they count as usage (API.md §3);
        // nothing else may have changed.
        Assert.Equal(WithoutUsage(before), WithoutUsage(await steps.GetAsync(id)));
        Assert.Single(Ids(await steps.ListAsync(tenant.ClientId)));
        Assert.Single((await Api.Get($"/dashboard/instances/{id}/api-keys")).Json.EnumerateArray());
    }

    [Fact]
    public async Task An_instance_key_of_another_client_sees_nothing_of_this_client()
    {
        var (owner, id) = await ActiveInstanceAsync();
        var (_, foreignInstance) = await ActiveInstanceAsync();
        var foreignKey = await steps.Scenario.CreateInstanceKeyAsync(foreignInstance);

        ExpectError(404, "INSTANCE_NOT_FOUND", await steps.GetAsync(id, foreignKey));
        ExpectError(404, "CLIENT_NOT_FOUND", await steps.ListAsync(owner.ClientId, key: foreignKey));
    }

    private static async Task<ApiResponse> PollAsync(Func<Task<ApiResponse>> call, Func<ApiResponse, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await call();
            if (done(response) || DateTime.UtcNow > deadline)
                return response;
            await Task.Delay(100);
        }
    }

    private static string WithoutUsage(ApiResponse detail) =>
        string.Join(",", detail.Json.EnumerateObject()
            .Where(p => p.Name is not ("last_active_at" or "api_calls_24h"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
