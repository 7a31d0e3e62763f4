using System.Globalization;
using System.Text.RegularExpressions;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §6 bootstrap keys: issued on the dashboard, exchanged once (no bearer) for an instance key, 24 hours.</summary>
[Collection(FakeClockCollection.Name)]
public sealed partial class BootstrapKeyTests(FakeClockClusterFixture fixture)
{
    private const string Exchange = "/api/v1/keys/bootstrap";
    private const string RevokedMessage = "Bootstrap key revoked successfully. Any SDK instances using this key will need to re-bootstrap.";

    private readonly ApiCaller api1 = fixture.Api1.Caller();
    private readonly ApiCaller api2 = fixture.Api2.Caller();

    [Fact]
    public async Task Issuing_a_bootstrap_key_returns_the_key_its_id_and_an_expiry_24_hours_ahead()
    {
        var (_, instanceId) = await NewInstanceAsync();

        var issued = await api1.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null);

        Assert.Equal(201, issued.Code);
        Assert.Matches(KeyPattern(), issued.Str("key"));
        Assert.Matches(KeyIdPattern(), issued.Str("key_id"));
        Assert.EndsWith("Z", issued.Str("expires_at"));
        Assert.Equal(fixture.Now.AddHours(24), Time(issued.Str("expires_at")));
    }

    [Fact]
    public async Task A_client_key_may_issue_one_for_its_instance_and_an_instance_key_may_not()
    {
        var scenario = new Scenario(api1);
        var (clientId, instanceId) = await NewInstanceAsync();
        var clientKey = await scenario.CreateClientKeyAsync(clientId);
        var instanceKey = await scenario.CreateInstanceKeyAsync(instanceId);
        var (_, foreignInstance) = await NewInstanceAsync();

        Assert.Equal(201, (await api1.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null, clientKey)).Code);
        Assert.Equal("FORBIDDEN", (await api1.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null, instanceKey)).ErrorCode);
        Assert.Equal("INSTANCE_NOT_FOUND", (await api1.Post($"/dashboard/instances/{foreignInstance}/bootstrap-key", null, clientKey)).ErrorCode);
    }

    [Fact]
    public async Task The_exchange_needs_no_bearer_and_returns_an_instance_key_that_works()
    {
        var (clientId, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);

        var exchanged = await api2.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey, label = "edge-sdk" }, key: null);

        Assert.True(exchanged.Code == 200, exchanged.ToString());
        Assert.Equal(
            ["api_key", "client_id", "created_at", "credential_id", "instance_id", "label"],
            exchanged.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith("synap_", exchanged.Str("api_key"));
        Assert.Matches("^cred_[0-9a-f]{12}$", exchanged.Str("credential_id"));
        Assert.Equal("edge-sdk", exchanged.Str("label"));
        Assert.Equal(instanceId, exchanged.Str("instance_id"));
        Assert.Equal(clientId, exchanged.Str("client_id"));
        Assert.Equal(fixture.Now, Time(exchanged.Str("created_at")));

        var read = await api1.Get($"/dashboard/instances/{instanceId}", exchanged.Str("api_key"));
        Assert.True(read.Code == 200, read.ToString());
        Assert.Equal(instanceId, read.Str("id"));
        var keys = await api1.Get($"/dashboard/instances/{instanceId}/api-keys");
        Assert.Contains(keys.Json.EnumerateArray(), k => k.GetProperty("credential_id").GetString() == exchanged.Str("credential_id"));
    }

    [Fact]
    public async Task Bootstrap_token_is_accepted_as_an_alias_and_the_label_defaults()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);

        var exchanged = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_token = bootstrapKey }, key: null);

        Assert.True(exchanged.Code == 200, exchanged.ToString());
        Assert.Equal("default", exchanged.Str("label"));
    }

    [Fact]
    public async Task An_empty_instance_id_is_accepted_because_the_key_names_its_instance()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);

        var exchanged = await api1.Post(Exchange, new { instance_id = "", bootstrap_key = bootstrapKey }, key: null);

        Assert.True(exchanged.Code == 200, exchanged.ToString());
        Assert.Equal(instanceId, exchanged.Str("instance_id"));
    }

    [Fact]
    public async Task Another_instances_id_is_401_and_does_not_use_up_the_key()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var (_, otherInstance) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);

        var wrong = await api1.Post(Exchange, new { instance_id = otherInstance, bootstrap_key = bootstrapKey }, key: null);

        Assert.Equal(401, wrong.Code);
        Assert.Equal("INVALID_API_KEY", wrong.ErrorCode);
        Assert.Equal(200, (await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null)).Code);
    }

    [Fact]
    public async Task A_bootstrap_key_is_single_use()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);
        Assert.Equal(200, (await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null)).Code);

        var again = await api2.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null);

        Assert.Equal(401, again.Code);
        Assert.Equal("INVALID_API_KEY", again.ErrorCode);
    }

    [Fact]
    public async Task A_new_bootstrap_key_replaces_the_previous_one()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var old = await IssueAsync(instanceId);
        var current = await IssueAsync(instanceId);

        var withOld = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = old }, key: null);
        var withCurrent = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = current }, key: null);

        Assert.Equal(401, withOld.Code);
        Assert.Equal("INVALID_API_KEY", withOld.ErrorCode);
        Assert.Equal(200, withCurrent.Code);
    }

    [Fact]
    public async Task Revoking_the_bootstrap_key_refuses_its_exchange_and_a_second_revoke_is_404()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);

        var revoked = await api1.Post($"/dashboard/instances/{instanceId}/revoke-key", null);
        var exchange = await api2.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null);
        var again = await api1.Post($"/dashboard/instances/{instanceId}/revoke-key", null);

        Assert.Equal(200, revoked.Code);
        Assert.True(revoked.Json.GetProperty("success").GetBoolean());
        Assert.Equal(RevokedMessage, revoked.Str("message"));
        Assert.Equal(401, exchange.Code);
        Assert.Equal("INVALID_API_KEY", exchange.ErrorCode);
        Assert.Equal(404, again.Code);
        Assert.Equal("CREDENTIAL_NOT_FOUND", again.ErrorCode);
    }

    [Fact]
    public async Task Revoke_without_any_bootstrap_key_or_after_its_use_is_404()
    {
        var (_, instanceId) = await NewInstanceAsync();
        Assert.Equal("CREDENTIAL_NOT_FOUND", (await api1.Post($"/dashboard/instances/{instanceId}/revoke-key", null)).ErrorCode);

        var bootstrapKey = await IssueAsync(instanceId);
        Assert.Equal(200, (await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null)).Code);

        Assert.Equal("CREDENTIAL_NOT_FOUND", (await api1.Post($"/dashboard/instances/{instanceId}/revoke-key", null)).ErrorCode);
    }

    [Fact]
    public async Task A_bootstrap_key_works_until_its_24_hours_are_up_and_not_a_moment_later()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var early = await IssueAsync(instanceId);
        fixture.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = early }, key: null)).Code);

        var late = await IssueAsync(instanceId);
        fixture.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = late }, key: null);

        Assert.Equal(401, expired.Code);
        Assert.Equal("INVALID_API_KEY", expired.ErrorCode);
        Assert.Equal("CREDENTIAL_NOT_FOUND", (await api1.Post($"/dashboard/instances/{instanceId}/revoke-key", null)).ErrorCode);
    }

    [Fact]
    public async Task An_archived_instance_neither_issues_nor_exchanges_bootstrap_keys()
    {
        var (_, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);
        Assert.Equal(200, (await api1.Delete($"/dashboard/instances/{instanceId}")).Code);

        var exchange = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null);
        var issue = await api1.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null);

        Assert.Equal(401, exchange.Code);
        Assert.Equal("INVALID_API_KEY", exchange.ErrorCode);
        Assert.Equal(403, issue.Code);
        Assert.Equal("INSTANCE_NOT_ACTIVE", issue.ErrorCode);
    }

    [Fact]
    public async Task The_exchange_is_refused_with_403_client_inactive_while_the_client_is_inactive()
    {
        var (clientId, instanceId) = await NewInstanceAsync();
        var bootstrapKey = await IssueAsync(instanceId);
        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" })).Code);

        var refused = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null);

        Assert.Equal(403, refused.Code);
        Assert.Equal("CLIENT_INACTIVE", refused.ErrorCode);

        // Refusing it did not use it up: once the client is active again the same key is exchanged.
        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{clientId}", new { status = "active" })).Code);
        Assert.Equal(200, (await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = bootstrapKey }, key: null)).Code);
    }

    [Fact]
    public async Task A_malformed_or_unknown_bootstrap_key_is_401_and_a_missing_one_is_400()
    {
        var (_, instanceId) = await NewInstanceAsync();

        var malformed = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = "bsk_short" }, key: null);
        var unknown = await api1.Post(Exchange, new { instance_id = instanceId, bootstrap_key = "bsk_" + new string('A', 43) }, key: null);
        var missing = await api1.Post(Exchange, new { instance_id = instanceId }, key: null);

        Assert.Equal((401, "INVALID_API_KEY"), (malformed.Code, malformed.ErrorCode));
        Assert.Equal((401, "INVALID_API_KEY"), (unknown.Code, unknown.ErrorCode));
        Assert.Equal((400, "INVALID_INPUT"), (missing.Code, missing.ErrorCode));
    }

    private async Task<(string ClientId, string InstanceId)> NewInstanceAsync()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        return (clientId, await scenario.CreateInstanceAsync(clientId));
    }

    private async Task<string> IssueAsync(string instanceId)
    {
        var issued = await api1.Post($"/dashboard/instances/{instanceId}/bootstrap-key", null);
        Assert.True(issued.Code == 201, issued.ToString());
        return issued.Str("key");
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("^bsk_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^bsk_id_[0-9a-f]{16}$")]
    private static partial Regex KeyIdPattern();
}
