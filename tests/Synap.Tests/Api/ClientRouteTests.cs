using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §4: creating and reading clients; names, tiers and field rules.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientRouteTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    [Fact]
    public async Task Creating_a_client_returns_201_with_every_field_of_the_client_object()
    {
        var name = Scenario.UniqueName();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var created = await api.Post("/dashboard/clients", new { name, website = "https://acme.example", description = "Acme support bots" });

        ApiExpect.Status(created, 201);
        var json = created.Json;
        Assert.Equal(
            ["burst", "client_id", "context", "created_at", "description", "instances_count", "name", "rate_limit_per_minute", "status", "tier", "updated_at", "website"],
            json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches("^cli_[0-9a-f]{16}$", created.Str("client_id"));
        Assert.Equal(name, created.Str("name"));
        Assert.Equal("https://acme.example", created.Str("website"));
        Assert.Equal("Acme support bots", created.Str("description"));
        Assert.Equal(JsonValueKind.Object, json.GetProperty("context").ValueKind);
        Assert.Empty(json.GetProperty("context").EnumerateObject());
        Assert.Equal("active", created.Str("status"));
        Assert.Equal("free", created.Str("tier"));
        Assert.Equal(60, json.GetProperty("rate_limit_per_minute").GetInt32());
        Assert.Equal(10, json.GetProperty("burst").GetInt32());
        Assert.Equal(0, json.GetProperty("instances_count").GetInt32());
        var createdAt = ApiExpect.UtcTime(json.GetProperty("created_at"));
        Assert.InRange(createdAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(createdAt, ApiExpect.UtcTime(json.GetProperty("updated_at")));
    }

    [Fact]
    public async Task A_client_created_with_only_a_name_has_null_website_and_description_and_an_empty_context()
    {
        var created = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName() });

        ApiExpect.Status(created, 201);
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("website").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("description").ValueKind);
        Assert.Equal("{}", created.Json.GetProperty("context").GetRawText());
    }

    [Fact]
    public async Task Ids_of_new_clients_are_distinct()
    {
        var first = await Scenario.CreateClientAsync();
        var second = await Scenario.CreateClientAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_context_given_at_creation_is_returned_as_the_same_json_object()
    {
        var created = await api.Post("/dashboard/clients",
            """{"name": "NAME", "context": {"industry": "retail", "regions": ["eu", "us"], "limits": {"seats": 5, "trial": true}, "note": null}}"""
                .Replace("NAME", Scenario.UniqueName()));

        ApiExpect.Status(created, 201);
        var context = created.Json.GetProperty("context");
        Assert.Equal("retail", context.GetProperty("industry").GetString());
        Assert.Equal(["eu", "us"], context.GetProperty("regions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, context.GetProperty("limits").GetProperty("seats").GetInt32());
        Assert.True(context.GetProperty("limits").GetProperty("trial").GetBoolean());
        Assert.Equal(JsonValueKind.Null, context.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task The_name_is_stored_trimmed()
    {
        var name = Scenario.UniqueName();

        var created = await api.Post("/dashboard/clients", new { name = $"  {name}\t" });

        ApiExpect.Status(created, 201);
        Assert.Equal(name, created.Str("name"));
    }

    [Fact]
    public async Task A_name_of_200_characters_after_trimming_is_accepted()
    {
        var name = Scenario.UniqueName().PadRight(200, 'n');

        var created = await api.Post("/dashboard/clients", new { name = $"   {name}   " });

        ApiExpect.Status(created, 201);
        Assert.Equal(name, created.Str("name"));
    }

    public static TheoryData<string> InvalidNames => new()
    {
        """{}""",
        """{"name": null}""",
        """{"name": ""}""",
        """{"name": "   \t\n "}""",
        $$"""{"name": "{{new string('n', 201)}}"}""",
        """{"name": 42}""",
        """{"name": ["acme"]}""",
        """{"name": {"first": "acme"}}""",
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task A_missing_blank_too_long_or_non_string_name_is_invalid_input(string body)
    {
        var response = await api.Post("/dashboard/clients", body);

        ApiExpect.InvalidInput(response, "name");
    }

    [Fact]
    public async Task The_pro_tier_gets_600_per_minute_and_a_burst_of_50()
    {
        var created = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName(), tier = "pro" });

        ApiExpect.Status(created, 201);
        Assert.Equal("pro", created.Str("tier"));
        Assert.Equal(600, created.Json.GetProperty("rate_limit_per_minute").GetInt32());
        Assert.Equal(50, created.Json.GetProperty("burst").GetInt32());
    }

    [Fact]
    public async Task The_enterprise_tier_takes_the_given_rate_limit_and_burst()
    {
        var created = await api.Post("/dashboard/clients",
            new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = 5000, burst = 250 });

        ApiExpect.Status(created, 201);
        Assert.Equal("enterprise", created.Str("tier"));
        Assert.Equal(5000, created.Json.GetProperty("rate_limit_per_minute").GetInt32());
        Assert.Equal(250, created.Json.GetProperty("burst").GetInt32());
    }

    public static TheoryData<string, string> InvalidEnterpriseLimits => new()
    {
        { """ "burst": 10 """, "rate_limit_per_minute" },
        { """ "rate_limit_per_minute": 100 """, "burst" },
        { """ "rate_limit_per_minute": 0, "burst": 10 """, "rate_limit_per_minute" },
        { """ "rate_limit_per_minute": -5, "burst": 10 """, "rate_limit_per_minute" },
        { """ "rate_limit_per_minute": 100, "burst": 0 """, "burst" },
        { """ "rate_limit_per_minute": 100, "burst": -1 """, "burst" },
        { """ "rate_limit_per_minute": 1.5, "burst": 10 """, "rate_limit_per_minute" },
        { """ "rate_limit_per_minute": "100", "burst": 10 """, "rate_limit_per_minute" },
        { """ "rate_limit_per_minute": 100, "burst": true """, "burst" },
        { """ "rate_limit_per_minute": 100, "burst": 3000000000 """, "burst" },
    };

    [Theory]
    [MemberData(nameof(InvalidEnterpriseLimits))]
    public async Task The_enterprise_tier_requires_a_positive_integer_rate_limit_and_burst(string limits, string field)
    {
        var response = await api.Post("/dashboard/clients", $$"""{"name": "{{Scenario.UniqueName()}}", "tier": "enterprise", {{limits}}}""");

        ApiExpect.InvalidInput(response, field);
    }

    [Theory]
    [InlineData("free", "rate_limit_per_minute")]
    [InlineData("pro", "burst")]
    public async Task Custom_limits_on_a_fixed_tier_are_invalid_input_rather_than_silently_ignored(string tier, string field)
    {
        var response = await api.Post("/dashboard/clients",
            $$"""{"name": "{{Scenario.UniqueName()}}", "tier": "{{tier}}", "{{field}}": 100}""");

        ApiExpect.InvalidInput(response, field);
    }

    [Theory]
    [InlineData("\"gold\"")]
    [InlineData("\"Pro\"")]
    [InlineData("\"\"")]
    [InlineData("2")]
    public async Task An_unknown_tier_is_invalid_input(string tier)
    {
        var response = await api.Post("/dashboard/clients", $$"""{"name": "{{Scenario.UniqueName()}}", "tier": {{tier}}}""");

        ApiExpect.InvalidInput(response, "tier");
    }

    [Fact]
    public async Task A_description_over_2000_characters_is_invalid_input()
    {
        var accepted = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName(), description = new string('d', 2000) });
        var refused = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName(), description = new string('d', 2001) });

        ApiExpect.Status(accepted, 201);
        ApiExpect.InvalidInput(refused, "description");
    }

    [Fact]
    public async Task A_context_over_64_KiB_serialized_is_invalid_input()
    {
        var response = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName(), context = new { blob = new string('x', 65 * 1024) } });

        ApiExpect.InvalidInput(response, "context");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("7")]
    public async Task A_context_that_is_not_an_object_is_invalid_input(string context)
    {
        var response = await api.Post("/dashboard/clients", $$"""{"name": "{{Scenario.UniqueName()}}", "context": {{context}}}""");

        ApiExpect.InvalidInput(response, "context");
    }

    [Fact]
    public async Task Client_names_are_unique_ignoring_case_and_surrounding_whitespace()
    {
        var name = Scenario.UniqueName("Acme");
        await Scenario.CreateClientAsync(new { name });

        var sameCase = await api.Post("/dashboard/clients", new { name });
        var otherCase = await api.Post("/dashboard/clients", new { name = $"  {name.ToUpperInvariant()} " });

        ApiExpect.Error(sameCase, 409, "NAME_CONFLICT");
        ApiExpect.Error(otherCase, 409, "NAME_CONFLICT");
        Assert.Equal(name, ApiExpect.Detail(sameCase, "name"));
    }

    [Fact]
    public async Task An_inactive_clients_name_stays_taken()
    {
        var name = Scenario.UniqueName();
        var clientId = await Scenario.CreateClientAsync(new { name });
        ApiExpect.Status(await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" }), 200);

        var response = await api.Post("/dashboard/clients", new { name });

        ApiExpect.Error(response, 409, "NAME_CONFLICT");
    }

    [Fact]
    public async Task Soft_deleting_a_client_frees_its_name()
    {
        var name = Scenario.UniqueName();
        var first = await Scenario.CreateClientAsync(new { name });
        ApiExpect.Status(await api.Delete($"/dashboard/clients/{first}"), 200);

        var reused = await api.Post("/dashboard/clients", new { name });

        ApiExpect.Status(reused, 201);
        Assert.NotEqual(first, reused.Str("client_id"));
    }

    [Fact]
    public async Task Restoring_a_soft_deleted_client_whose_name_was_retaken_is_a_name_conflict()
    {
        var name = Scenario.UniqueName();
        var deleted = await Scenario.CreateClientAsync(new { name });
        ApiExpect.Status(await api.Delete($"/dashboard/clients/{deleted}"), 200);
        await Scenario.CreateClientAsync(new { name = name.ToUpperInvariant() });

        var restore = await api.Patch($"/dashboard/clients/{deleted}", new { status = "active" });

        ApiExpect.Error(restore, 409, "NAME_CONFLICT");
        Assert.Equal("soft_deleted", (await api.Get($"/dashboard/clients/{deleted}")).Str("status"));
    }

    [Fact]
    public async Task Restoring_after_renaming_the_soft_deleted_client_succeeds()
    {
        var name = Scenario.UniqueName();
        var deleted = await Scenario.CreateClientAsync(new { name });
        ApiExpect.Status(await api.Delete($"/dashboard/clients/{deleted}"), 200);
        await Scenario.CreateClientAsync(new { name });
        var renamed = Scenario.UniqueName();

        var restore = await api.Patch($"/dashboard/clients/{deleted}", new { name = renamed, status = "active" });

        ApiExpect.Status(restore, 200);
        Assert.Equal("active", restore.Str("status"));
        Assert.Equal(renamed, restore.Str("name"));
    }

    [Fact]
    public async Task A_client_is_readable_by_the_admin_and_by_its_own_client_key()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        var byAdmin = await api.Get($"/dashboard/clients/{clientId}");
        var byKey = await api.Get($"/dashboard/clients/{clientId}", key);

        ApiExpect.Status(byAdmin, 200);
        ApiExpect.Status(byKey, 200);
        Assert.Equal(clientId, byKey.Str("client_id"));
        Assert.Equal(byAdmin.Text, byKey.Text);
    }

    [Fact]
    public async Task An_unknown_client_is_client_not_found()
    {
        const string unknown = "cli_0000000000000000";

        var response = await api.Get($"/dashboard/clients/{unknown}");

        ApiExpect.Error(response, 404, "CLIENT_NOT_FOUND");
        Assert.Equal(unknown, ApiExpect.Detail(response, "client_id"));
    }

    [Fact]
    public async Task Instances_count_follows_the_clients_live_instances()
    {
        var clientId = await Scenario.CreateClientAsync();
        var first = await Scenario.CreateInstanceAsync(clientId);
        await Scenario.CreateInstanceAsync(clientId);
        Assert.Equal(2, (await api.Get($"/dashboard/clients/{clientId}")).Json.GetProperty("instances_count").GetInt32());

        ApiExpect.Status(await api.Delete($"/dashboard/instances/{first}"), 200);

        Assert.Equal(1, (await api.Get($"/dashboard/clients/{clientId}")).Json.GetProperty("instances_count").GetInt32());
    }

    [Fact]
    public async Task Creating_or_listing_clients_with_a_client_key_is_forbidden()
    {
        var clientId = await Scenario.CreateClientAsync();
        var key = await Scenario.CreateClientKeyAsync(clientId);

        var create = await api.Post("/dashboard/clients", new { name = Scenario.UniqueName() }, key);
        var list = await api.Get("/dashboard/clients", key);

        ApiExpect.Error(create, 403, "FORBIDDEN");
        ApiExpect.Error(list, 403, "FORBIDDEN");
    }
}
