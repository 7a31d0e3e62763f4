using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>Issue 6 item 6 through the HTTP routes: invisible or control characters in names and labels, non-http websites and non-canonical enum spellings are 400s naming the field.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TextFieldRouteTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    private ApiCaller Api => steps.Api;

    [Fact]
    public async Task An_instance_named_with_a_NUL_is_refused_and_not_created()
    {
        var tenant = await steps.NewTenantAsync();

        ApiExpect.InvalidInput(await steps.CreateAsync(tenant.ClientId, new { name = "\u0000", agent_type = "support" }, tenant.ClientKey), "name");

        var list = await steps.ListAsync(tenant.ClientId, key: tenant.ClientKey);
        ApiExpect.Status(list, 200);
        Assert.Equal(0, list.Json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("acme\u200B")]
    [InlineData("\u202Eemca")]
    [InlineData("ac\u0085me")]
    [InlineData("ac\u2066me")]
    public async Task Client_names_with_invisible_or_bidi_characters_are_refused_on_create_and_patch(string name)
    {
        var clientId = await steps.Scenario.CreateClientAsync();

        ApiExpect.InvalidInput(await Api.Post("/dashboard/clients", new { name }), "name");
        ApiExpect.InvalidInput(await Api.Patch($"/dashboard/clients/{clientId}", new { name }), "name");
    }

    [Fact]
    public async Task Instance_names_labels_and_metadata_keys_with_hidden_characters_are_refused()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);

        ApiExpect.InvalidInput(await steps.PatchAsync(id, new { name = "bot\u200D" }, tenant.ClientKey), "name");
        ApiExpect.InvalidInput(await Api.Post($"/dashboard/instances/{id}/api-keys", new { label = "agent\u200F" }, tenant.ClientKey), "label");
        ApiExpect.InvalidInput(await Api.Post($"/dashboard/clients/{tenant.ClientId}/api-keys", new { label = "ops\u0007" }), "label");
        ApiExpect.InvalidInput(await steps.PatchAsync(id, new { metadata = new Dictionary<string, string> { ["te\u200Bam"] = "cx" } }, tenant.ClientKey), "metadata");
        ApiExpect.InvalidInput(await steps.PatchAsync(id, new { description = "a\u0000b" }, tenant.ClientKey), "description");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("acme.example")]
    [InlineData("ftp://acme.example")]
    public async Task A_website_that_is_not_http_or_https_is_refused_on_create_and_patch(string website)
    {
        var clientId = await steps.Scenario.CreateClientAsync();

        ApiExpect.InvalidInput(await Api.Post("/dashboard/clients", new { name = Scenario.UniqueName(), website }), "website");
        ApiExpect.InvalidInput(await Api.Patch($"/dashboard/clients/{clientId}", new { website }), "website");
    }

    [Theory]
    [InlineData("+2")]
    [InlineData(" 1")]
    [InlineData("active,inactive")]
    [InlineData("Inactive")]
    public async Task Status_and_tier_spellings_other_than_the_documented_strings_are_refused(string value)
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);

        ApiExpect.InvalidInput(await Api.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = value }), "status");
        ApiExpect.InvalidInput(await Api.Patch($"/dashboard/clients/{tenant.ClientId}", new { tier = value }), "tier");
        ApiExpect.InvalidInput(await steps.PatchAsync(id, new { status = value }), "status");
        ApiExpect.InvalidInput(await Api.Get($"/dashboard/clients?status={Uri.EscapeDataString(value)}"), "status");
        ApiExpect.InvalidInput(await steps.ListAsync(tenant.ClientId, $"&status={Uri.EscapeDataString(value)}"), "status");
    }
}
