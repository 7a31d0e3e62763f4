using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §4 <c>PATCH /dashboard/clients/{id}</c>: editable fields, admin-only fields, names and tiers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientUpdateRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Name_website_description_and_context_can_be_changed_by_the_admin_and_by_a_client_key(bool withClientKey)
    {
        var clientId = await Scenario.CreateClientAsync(new
        {
            name = Scenario.UniqueName(),
            website = "https://old.example",
            description = "old",
            context = new { plan = "a", seats = 3 },
        });
        var key = withClientKey ? await Scenario.CreateClientKeyAsync(clientId) : SynapApiFactory.AdminKey;
        var before = await api.Get($"/dashboard/clients/{clientId}");
        var name = Scenario.UniqueName();

        var patched = await api.Patch($"/dashboard/clients/{clientId}",
            new { name, website = "https://new.example", description = "new", context = new { region = "eu" } }, key);

        ApiExpect.Status(patched, 200);
        Assert.Equal(name, patched.Str("name"));
        Assert.Equal("https://new.example", patched.Str("website"));
        Assert.Equal("new", patched.Str("description"));
        Assert.Equal(["region"], patched.Json.GetProperty("context").EnumerateObject().Select(p => p.Name));
        Assert.Equal("eu", patched.Json.GetProperty("context").GetProperty("region").GetString());
        Assert.Equal(before.Str("created_at"), patched.Str("created_at"));
        Assert.True(ApiExpect.UtcTime(patched.Json.GetProperty("updated_at")) >= ApiExpect.UtcTime(before.Json.GetProperty("updated_at")));
        Assert.Equal(patched.Text, (await cluster.Api2.Caller().Get($"/dashboard/clients/{clientId}")).Text);
    }

    [Fact]
    public async Task Fields_left_out_of_a_patch_keep_their_values()
    {
        var clientId = await Scenario.CreateClientAsync(new
        {
            name = Scenario.UniqueName(),
            website = "https://keep.example",
            description = "keep",
            context = new { keep = true },
        });

        var patched = await api.Patch($"/dashboard/clients/{clientId}", new { description = "changed" });

        ApiExpect.Status(patched, 200);
        Assert.Equal("https://keep.example", patched.Str("website"));
        Assert.Equal("changed", patched.Str("description"));
        Assert.True(patched.Json.GetProperty("context").GetProperty("keep").GetBoolean());
    }

    [Fact]
    public async Task Null_clears_the_website_and_the_description()
    {
        var clientId = await Scenario.CreateClientAsync(new { name = Scenario.UniqueName(), website = "https://x.example", description = "x" });

        var patched = await api.Patch($"/dashboard/clients/{clientId}", new { website = (string?)null, description = (string?)null });

        ApiExpect.Status(patched, 200);
        Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("website").ValueKind);
        Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task An_empty_patch_changes_nothing_not_even_updated_at()
    {
        var clientId = await Scenario.CreateClientAsync();
        var before = await api.Get($"/dashboard/clients/{clientId}");

        var patched = await api.Patch($"/dashboard/clients/{clientId}", new { });

        ApiExpect.Status(patched, 200);
        Assert.Equal(before.Text, patched.Text);
    }

    public static TheoryData<string, string> InvalidPatches => new()
    {
        { """{"name": ""}""", "name" },
        { """{"name": "   "}""", "name" },
        { """{"name": null}""", "name" },
        { $$"""{"name": "{{new string('n', 201)}}"}""", "name" },
        { """{"name": 7}""", "name" },
        { $$"""{"description": "{{new string('d', 2001)}}"}""", "description" },
        { """{"website": false}""", "website" },
        { """{"context": null}""", "context" },
        { """{"context": [1, 2]}""", "context" },
        { """{"context": "{}"}""", "context" },
        { """{"status": "deleted"}""", "status" },
        { """{"status": "Active"}""", "status" },
        { """{"status": null}""", "status" },
        { """{"status": 1}""", "status" },
        { """{"tier": "platinum"}""", "tier" },
        { """{"tier": "enterprise"}""", "rate_limit_per_minute" },
        { """{"tier": "enterprise", "rate_limit_per_minute": 100}""", "burst" },
        { """{"tier": "enterprise", "rate_limit_per_minute": 0, "burst": 5}""", "rate_limit_per_minute" },
        { """{"rate_limit_per_minute": 100}""", "rate_limit_per_minute" },
        { """{"burst": "5"}""", "burst" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task An_invalid_field_in_a_patch_is_invalid_input_and_changes_nothing(string body, string field)
    {
        var clientId = await Scenario.CreateClientAsync();
        var before = await api.Get($"/dashboard/clients/{clientId}");

        var alongside = body.Contains("\"name\"") ? "\"description\": \"should not stick\"" : $"\"name\": \"{Scenario.UniqueName()}\"";

        var response = await api.Patch($"/dashboard/clients/{clientId}", "{" + alongside + ", " + body[1..]);

        ApiExpect.InvalidInput(response, field);
        Assert.Equal(before.Text, (await api.Get($"/dashboard/clients/{clientId}")).Text);
    }

    [Fact]
    public async Task Renaming_to_the_name_of_another_live_client_is_a_name_conflict()
    {
        var taken = Scenario.UniqueName();
        await Scenario.CreateClientAsync(new { name = taken });
        var clientId = await Scenario.CreateClientAsync();

        var response = await api.Patch($"/dashboard/clients/{clientId}", new { name = $" {taken.ToUpperInvariant()} " });

        ApiExpect.Error(response, 409, "NAME_CONFLICT");
    }

    [Fact]
    public async Task A_client_may_change_the_case_of_its_own_name()
    {
        var name = Scenario.UniqueName("acme");
        var clientId = await Scenario.CreateClientAsync(new { name });

        var response = await api.Patch($"/dashboard/clients/{clientId}", new { name = name.ToUpperInvariant() });

        ApiExpect.Status(response, 200);
        Assert.Equal(name.ToUpperInvariant(), response.Str("name"));
    }

    [Fact]
    public async Task A_renamed_clients_old_name_is_free_again()
    {
        var old = Scenario.UniqueName();
        var clientId = await Scenario.CreateClientAsync(new { name = old });
        ApiExpect.Status(await api.Patch($"/dashboard/clients/{clientId}", new { name = Scenario.UniqueName() }), 200);

        var reuse = await api.Post("/dashboard/clients", new { name = old });

        ApiExpect.Status(reuse, 201);
    }

    [Theory]
    [InlineData("""{"status": "inactive"}""", "status")]
    [InlineData("""{"tier": "pro"}""", "tier")]
    [InlineData("""{"rate_limit_per_minute": 1000}""", "rate_limit_per_minute")]
    [InlineData("""{"burst": 100}""", "burst")]
    [InlineData("""{"name": "NEW", "tier": "pro"}""", "tier")]
    public async Task Status_tier_and_limits_need_the_admin_key_and_nothing_changes_without_it(string body, string field)
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);
        var before = await api.Get($"/dashboard/clients/{clientId}");

        var response = await api.Patch($"/dashboard/clients/{clientId}", body.Replace("NEW", Scenario.UniqueName()), key);

        Assert.Equal(field, ApiExpect.Error(response, 403, "ADMIN_REQUIRED").GetProperty("field").GetString());
        Assert.Equal(before.Text, (await api.Get($"/dashboard/clients/{clientId}")).Text);
    }

    [Fact]
    public async Task The_admin_moves_a_client_between_tiers_and_fixed_tiers_reset_the_limits()
    {
        var clientId = await Scenario.CreateClientAsync();
        var path = $"/dashboard/clients/{clientId}";

        var pro = await api.Patch(path, new { tier = "pro" });
        var enterprise = await api.Patch(path, new { tier = "enterprise", rate_limit_per_minute = 1200, burst = 80 });
        var newBurst = await api.Patch(path, new { burst = 90 });
        var free = await api.Patch(path, new { tier = "free" });

        Assert.Equal(("pro", 600, 50), Limits(pro));
        Assert.Equal(("enterprise", 1200, 80), Limits(enterprise));
        Assert.Equal(("enterprise", 1200, 90), Limits(newBurst));
        Assert.Equal(("free", 60, 10), Limits(free));
    }

    private static (string Tier, int PerMinute, int Burst) Limits(ApiResponse response)
    {
        ApiExpect.Status(response, 200);
        return (response.Str("tier"), response.Json.GetProperty("rate_limit_per_minute").GetInt32(), response.Json.GetProperty("burst").GetInt32());
    }
}
