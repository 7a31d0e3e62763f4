using System.Globalization;
using System.Text.Json;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §4 and §6: the API keys of a client (create once-shown, list masked, revoke, expiry).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientApiKeyRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task Creating_a_client_key_shows_the_secret_once_in_the_synap_format()
    {
        var clientId = await Scenario.CreateClientAsync();

        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "ci deploys" });

        ApiExpect.Status(created, 201);
        Assert.Equal(["api_key", "created_at", "credential_id", "expires_at", "label"],
            created.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var key = created.Str("api_key");
        Assert.Matches("^synap_[0-9A-Za-z]{46}$", key);
        Assert.True(ApiKeyFormat.HasValidChecksum(key));
        Assert.Matches("^cred_[0-9a-f]{12}$", created.Str("credential_id"));
        Assert.Equal("ci deploys", created.Str("label"));
        ApiExpect.UtcTime(created.Json.GetProperty("created_at"));
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("expires_at").ValueKind);
        ApiExpect.Status(await api.Get($"/dashboard/clients/{clientId}", key), 200);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"label": null}""")]
    public async Task A_key_created_without_a_label_is_labelled_default(string? body)
    {
        var clientId = await Scenario.CreateClientAsync();

        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", body);

        ApiExpect.Status(created, 201);
        Assert.Equal("default", created.Str("label"));
    }

    [Fact]
    public async Task Listing_client_keys_shows_masked_keys_and_never_the_secret()
    {
        var clientId = await Scenario.CreateClientAsync();
        var first = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "one" });
        var second = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "two" });

        var list = await api.Get($"/dashboard/clients/{clientId}/api-keys");

        ApiExpect.Status(list, 200);
        Assert.Equal(JsonValueKind.Array, list.Json.ValueKind);
        var items = list.Json.EnumerateArray().ToList();
        Assert.Equal([first.Str("credential_id"), second.Str("credential_id")], items.Select(i => i.GetProperty("credential_id").GetString()));
        foreach (var (item, created) in items.Zip([first, second]))
        {
            Assert.Equal(["created_at", "credential_id", "expires_at", "label", "last_used_at", "masked_key"],
                item.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            var secret = created.Str("api_key");
            Assert.Equal($"synap_{secret[6..10]}...{secret[^2..]}", item.GetProperty("masked_key").GetString());
            Assert.Equal(created.Str("label"), item.GetProperty("label").GetString());
            Assert.Equal(created.Str("created_at"), item.GetProperty("created_at").GetString());
            Assert.DoesNotContain(secret, list.Text);
            Assert.DoesNotContain(secret[6..], list.Text);
        }
    }

    [Fact]
    public async Task A_client_key_manages_the_keys_of_its_own_client()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "rotated" }, key);
        var listed = await api.Get($"/dashboard/clients/{clientId}/api-keys", key);
        var revoked = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{created.Str("credential_id")}", key);

        ApiExpect.Status(created, 201);
        ApiExpect.Status(listed, 200);
        Assert.Equal(2, listed.Json.GetArrayLength());
        ApiExpect.Status(revoked, 200);
    }

    [Fact]
    public async Task Revoking_a_key_answers_success_and_removes_it_from_the_list()
    {
        var clientId = await Scenario.CreateClientAsync();
        var kept = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "kept" });
        var doomed = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "doomed" });

        var revoked = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{doomed.Str("credential_id")}");

        ApiExpect.Status(revoked, 200);
        Assert.Equal("""{"success":true,"message":"API key revoked successfully."}""", revoked.Text);
        var list = await api.Get($"/dashboard/clients/{clientId}/api-keys");
        Assert.Equal([kept.Str("credential_id")], list.Json.EnumerateArray().Select(i => i.GetProperty("credential_id").GetString()));
        ApiExpect.Status(await api.Get($"/dashboard/clients/{clientId}", kept.Str("api_key")), 200);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_the_next_request_on_every_api_node()
    {
        var clientId = await Scenario.CreateClientAsync();
        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "leaked" });
        var key = created.Str("api_key");
        var api2 = cluster.Api2.Caller();
        // Both nodes have seen (and cached the owner of) the key before it is revoked.
        ApiExpect.Status(await api.Get($"/dashboard/clients/{clientId}", key), 200);
        ApiExpect.Status(await api2.Get($"/dashboard/clients/{clientId}", key), 200);

        ApiExpect.Status(await api2.Delete($"/dashboard/clients/{clientId}/api-keys/{created.Str("credential_id")}"), 200);

        ApiExpect.Error(await api.Get($"/dashboard/clients/{clientId}", key), 401, "INVALID_API_KEY");
        ApiExpect.Error(await api2.Get($"/dashboard/clients/{clientId}", key), 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task A_key_may_revoke_itself_and_is_refused_afterwards()
    {
        var clientId = await Scenario.CreateClientAsync();
        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "self" });
        var key = created.Str("api_key");

        var revoked = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{created.Str("credential_id")}", key);

        ApiExpect.Status(revoked, 200);
        ApiExpect.Error(await api.Get($"/dashboard/clients/{clientId}", key), 401, "INVALID_API_KEY");
    }

    [Fact]
    public async Task Revoking_an_unknown_or_already_revoked_credential_is_credential_not_found()
    {
        var clientId = await Scenario.CreateClientAsync();
        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "once" });
        var credentialId = created.Str("credential_id");
        ApiExpect.Status(await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}"), 200);

        var again = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{credentialId}");
        var unknown = await api.Delete($"/dashboard/clients/{clientId}/api-keys/cred_000000000000");

        Assert.Equal(credentialId, ApiExpect.Error(again, 404, "CREDENTIAL_NOT_FOUND").GetProperty("credential_id").GetString());
        ApiExpect.Error(unknown, 404, "CREDENTIAL_NOT_FOUND");
    }

    [Fact]
    public async Task A_credential_of_another_owner_cannot_be_revoked_through_this_client()
    {
        var clientId = await Scenario.CreateClientAsync();
        var otherClient = await Scenario.CreateClientAsync();
        var instanceId = await Scenario.CreateInstanceAsync(clientId);
        var instanceKey = await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "agent" });
        var otherKey = await api.Post($"/dashboard/clients/{otherClient}/api-keys", new { label = "other" });

        var instanceCredential = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{instanceKey.Str("credential_id")}");
        var otherCredential = await api.Delete($"/dashboard/clients/{clientId}/api-keys/{otherKey.Str("credential_id")}");

        ApiExpect.Error(instanceCredential, 404, "CREDENTIAL_NOT_FOUND");
        ApiExpect.Error(otherCredential, 404, "CREDENTIAL_NOT_FOUND");
        ApiExpect.Status(await api.Get($"/dashboard/instances/{instanceId}", instanceKey.Str("api_key")), 200);
        ApiExpect.Status(await api.Get($"/dashboard/clients/{otherClient}", otherKey.Str("api_key")), 200);
    }

    [Fact]
    public async Task Key_routes_of_an_unknown_client_are_client_not_found()
    {
        const string unknown = "cli_00000000000000aa";

        ApiExpect.Error(await api.Post($"/dashboard/clients/{unknown}/api-keys", new { label = "x" }), 404, "CLIENT_NOT_FOUND");
        ApiExpect.Error(await api.Get($"/dashboard/clients/{unknown}/api-keys"), 404, "CLIENT_NOT_FOUND");
        ApiExpect.Error(await api.Delete($"/dashboard/clients/{unknown}/api-keys/cred_000000000000"), 404, "CLIENT_NOT_FOUND");
    }

    public static TheoryData<string, string> InvalidKeyRequests => new()
    {
        { """{"label": ""}""", "label" },
        { """{"label": "   "}""", "label" },
        { $$"""{"label": "{{new string('l', 101)}}"}""", "label" },
        { """{"label": 3}""", "label" },
        { """{"expires_at": "2001-01-01T00:00:00Z"}""", "expires_at" },
        { """{"expires_at": "next tuesday"}""", "expires_at" },
        { """{"expires_at": 1893456000}""", "expires_at" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeyRequests))]
    public async Task A_blank_or_long_label_or_an_expiry_not_in_the_future_is_invalid_input(string body, string field)
    {
        var clientId = await Scenario.CreateClientAsync();

        var response = await api.Post($"/dashboard/clients/{clientId}/api-keys", body);

        ApiExpect.InvalidInput(response, field);
        Assert.Equal(0, (await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.GetArrayLength());
    }

    [Fact]
    public async Task A_key_with_an_expiry_works_until_then_and_is_refused_as_expired_afterwards()
    {
        var clientId = await Scenario.CreateUnthrottledClientAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var created = await api.Post($"/dashboard/clients/{clientId}/api-keys",
            new { label = "short-lived", expires_at = expiresAt.ToString("O", CultureInfo.InvariantCulture) });
        ApiExpect.Status(created, 201);
        var key = created.Str("api_key");
        Assert.Equal(expiresAt, ApiExpect.UtcTime(created.Json.GetProperty("expires_at")), TimeSpan.FromMilliseconds(1));
        ApiExpect.Status(await api.Get($"/dashboard/clients/{clientId}", key), 200);

        var refused = await PollUntilAsync(() => api.Get($"/dashboard/clients/{clientId}", key), r => r.Code != 200, TimeSpan.FromSeconds(20));

        Assert.True(DateTimeOffset.UtcNow >= expiresAt.AddMilliseconds(-500), "refused before its expiry");
        Assert.Equal("expired", ApiExpect.Error(refused, 401, "INVALID_API_KEY").GetProperty("reason").GetString());
        ApiExpect.Error(await cluster.Api2.Caller().Get($"/dashboard/clients/{clientId}", key), 401, "INVALID_API_KEY");
        Assert.Equal(0, (await api.Get($"/dashboard/clients/{clientId}/api-keys")).Json.GetArrayLength());
    }

    private static async Task<ApiResponse> PollUntilAsync(Func<Task<ApiResponse>> request, Func<ApiResponse, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var response = await request();
            if (done(response))
                return response;
            Assert.True(DateTime.UtcNow < deadline, $"still {response} after {patience}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
