using System.Text.Json;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>API.md §5: creating and reading instances, field rules, names, parents, ids and tenancy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceRouteTests(ClusterFixture cluster)
{
    private static readonly string[] DetailFields =
    [
        "id", "name", "status", "agent_type", "config_status", "created_at", "last_active_at", "client_id", "description",
        "metadata", "parent_instance_id", "effective_status", "api_calls_24h", "memories_count", "updated_at",
    ];

    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task Creating_an_instance_returns_201_with_exactly_the_documented_instance_detail()
    {
        var tenant = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");

        var created = await steps.CreateAsync(tenant.ClientId,
            new { name, agent_type = "support", description = "Answers tickets", metadata = new { team = "care" } }, tenant.ClientKey);

        Expect(201, created);
        var json = created.Json;
        ExpectFields(json, DetailFields);
        Assert.Matches("^inst_[0-9a-f]{16}$", json.GetProperty("id").GetString());
        Assert.Equal(name, json.GetProperty("name").GetString());
        Assert.Equal("provisioning", json.GetProperty("status").GetString());
        Assert.Equal("support", json.GetProperty("agent_type").GetString());
        Assert.Equal("pending", json.GetProperty("config_status").GetString());
        ExpectUtcTime(json.GetProperty("created_at"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("last_active_at").ValueKind);
        Assert.Equal(tenant.ClientId, json.GetProperty("client_id").GetString());
        Assert.Equal("Answers tickets", json.GetProperty("description").GetString());
        Assert.Equal(new Dictionary<string, string> { ["team"] = "care" }, Metadata(created));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("parent_instance_id").ValueKind);
        Assert.Equal("provisioning", json.GetProperty("effective_status").GetString());
        Assert.Equal(0, json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(0, json.GetProperty("memories_count").GetInt64());
        Assert.Equal(json.GetProperty("created_at").GetString(), json.GetProperty("updated_at").GetString());
    }

    [Fact]
    public async Task A_created_instance_reads_back_the_same_on_both_api_nodes()
    {
        var tenant = await steps.NewTenantAsync();
        var created = await steps.CreateAsync(tenant.ClientId, new { name = Scenario.UniqueName("agent"), agent_type = "support" });
        var id = created.Str("id");

        var fromApi1 = await steps.GetAsync(id, tenant.ClientKey);
        var fromApi2 = await cluster.Api2.Caller().Get($"/dashboard/instances/{id}", tenant.ClientKey);

        Expect(200, fromApi1);
        Expect(200, fromApi2);
        Assert.Equal(created.Text, fromApi1.Text);
        Assert.Equal(created.Text, fromApi2.Text);
        ExpectFields(fromApi1.Json, DetailFields);
    }

    [Fact]
    public async Task Optional_fields_default_to_null_description_and_empty_metadata()
    {
        var tenant = await steps.NewTenantAsync();

        var created = await steps.CreateAsync(tenant.ClientId, new { name = Scenario.UniqueName("agent"), agent_type = "support", unknown_field = 1 });

        Expect(201, created);
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("description").ValueKind);
        Assert.Empty(Metadata(created));
    }

    [Fact]
    public async Task The_name_is_stored_trimmed()
    {
        var tenant = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");

        var created = await steps.CreateAsync(tenant.ClientId, new { name = $"  {name}\t", agent_type = "support" });

        Expect(201, created);
        Assert.Equal(name, created.Str("name"));
    }

    [Fact]
    public async Task Creating_without_client_id_is_invalid_input()
    {
        var response = await steps.Api.Post("/dashboard/instances", new { name = "agent", agent_type = "support" });

        ExpectInvalidInput("client_id", response);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("cli_0123456789ABCDEF")]
    [InlineData("cli_0123456789abcde")]
    [InlineData("inst_0123456789abcdef")]
    [InlineData("cli_0123456789abcdef%0A")]
    public async Task A_malformed_client_id_is_invalid_client_id_on_create_and_list(string clientId)
    {
        var create = await steps.Api.Post($"/dashboard/instances?client_id={clientId}", new { name = "agent", agent_type = "support" });
        var list = await steps.Api.Get($"/dashboard/instances?client_id={clientId}");

        ExpectError(400, "INVALID_CLIENT_ID", create);
        ExpectError(400, "INVALID_CLIENT_ID", list);
    }

    [Fact]
    public async Task An_unknown_client_is_client_not_found_on_create_and_list()
    {
        const string unknown = "cli_00000000000000ff";

        var create = await steps.CreateAsync(unknown, new { name = "agent", agent_type = "support" });
        var list = await steps.ListAsync(unknown);

        ExpectError(404, "CLIENT_NOT_FOUND", create);
        Assert.Equal(unknown, Detail(create, "client_id"));
        ExpectError(404, "CLIENT_NOT_FOUND", list);
    }

    public static TheoryData<string, object> InvalidCreateBodies => new()
    {
        { "name", new { agent_type = "support" } },
        { "name", new { name = "", agent_type = "support" } },
        { "name", new { name = "   ", agent_type = "support" } },
        { "name", new { name = new string('n', 201), agent_type = "support" } },
        { "name", new { name = 42, agent_type = "support" } },
        { "agent_type", new { name = "agent" } },
        { "agent_type", new { name = "agent", agent_type = "" } },
        { "agent_type", new { name = "agent", agent_type = "Support" } },
        { "agent_type", new { name = "agent", agent_type = "customer support" } },
        { "agent_type", new { name = "agent", agent_type = "support.v2" } },
        { "agent_type", new { name = "agent", agent_type = "support\n" } },
        { "agent_type", new { name = "agent", agent_type = new string('a', 101) } },
        { "agent_type", new { name = "agent", agent_type = 7 } },
        { "description", new { name = "agent", agent_type = "support", description = new string('d', 2001) } },
        { "description", new { name = "agent", agent_type = "support", description = true } },
        { "metadata", new { name = "agent", agent_type = "support", metadata = "team=care" } },
        { "metadata", new { name = "agent", agent_type = "support", metadata = new[] { "team" } } },
        { "metadata", new { name = "agent", agent_type = "support", metadata = Enumerable.Range(0, 65).ToDictionary(i => $"k{i}", _ => "v") } },
        { "metadata", new { name = "agent", agent_type = "support", metadata = new Dictionary<string, string> { [new string('k', 101)] = "v" } } },
        { "metadata", new { name = "agent", agent_type = "support", metadata = new Dictionary<string, string> { [""] = "v" } } },
        { "metadata.team", new { name = "agent", agent_type = "support", metadata = new { team = new string('v', 1001) } } },
        { "metadata.tier", new { name = "agent", agent_type = "support", metadata = new { tier = 3 } } },
        { "metadata.vip", new { name = "agent", agent_type = "support", metadata = new { vip = true } } },
        { "metadata.nested", new { name = "agent", agent_type = "support", metadata = new { nested = new { a = "b" } } } },
        { "metadata.gone", new { name = "agent", agent_type = "support", metadata = new { gone = (string?)null } } },
        { "parent_instance_id", new { name = "agent", agent_type = "support", parent_instance_id = "inst_123" } },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task An_invalid_create_body_is_invalid_input_naming_the_field_and_creates_nothing(string field, object body)
    {
        var tenant = await steps.NewTenantAsync();

        var response = await steps.CreateAsync(tenant.ClientId, body);

        ExpectInvalidInput(field, response);
        var list = await steps.ListAsync(tenant.ClientId);
        Assert.Equal(0, list.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Values_at_the_documented_limits_are_accepted()
    {
        var tenant = await steps.NewTenantAsync();
        var metadata = Enumerable.Range(0, 63).ToDictionary(i => $"k{i}", _ => "v");
        metadata[new string('k', 100)] = new string('v', 1000);

        var created = await steps.CreateAsync(tenant.ClientId, new
        {
            name = Scenario.UniqueName("agent").PadRight(200, 'x'),
            agent_type = "a0_-" + new string('z', 96),
            description = new string('d', 2000),
            metadata,
        });

        Expect(201, created);
        Assert.Equal(200, created.Str("name").Length);
        Assert.Equal(100, created.Str("agent_type").Length);
        Assert.Equal(64, Metadata(created).Count);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_invalid_input_and_a_non_json_media_type_is_415()
    {
        var tenant = await steps.NewTenantAsync();
        var path = $"/dashboard/instances?client_id={tenant.ClientId}";

        var garbled = await steps.Api.Send(HttpMethod.Post, path, Admin, "{\"name\": ");
        var text = await steps.Api.Send(HttpMethod.Post, path, Admin, "name=agent", contentType: "text/plain");

        ExpectInvalidInput("body", garbled);
        ExpectError(415, "UNSUPPORTED_MEDIA_TYPE", text);
    }

    [Fact]
    public async Task A_name_in_use_within_the_client_is_a_name_conflict()
    {
        var tenant = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");
        await steps.CreateInstanceAsync(tenant.ClientId, name);

        var again = await steps.CreateAsync(tenant.ClientId, new { name, agent_type = "other" }, tenant.ClientKey);

        ExpectError(409, "NAME_CONFLICT", again);
        Assert.Equal(name, Detail(again, "name"));
        Assert.Equal(1, (await steps.ListAsync(tenant.ClientId)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Concurrent_creates_with_one_name_on_both_api_nodes_make_exactly_one_instance()
    {
        var tenant = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");
        var nodes = new[] { steps.Api, cluster.Api2.Caller() };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            nodes[i % 2].Post($"/dashboard/instances?client_id={tenant.ClientId}", new { name, agent_type = "support" })));

        Assert.Single(responses, r => r.Code == 201);
        Assert.All(responses.Where(r => r.Code != 201), r => ExpectError(409, "NAME_CONFLICT", r));
        Assert.Equal(1, (await steps.ListAsync(tenant.ClientId)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_name_is_allowed_in_another_client()
    {
        var first = await steps.NewTenantAsync();
        var second = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");
        await steps.CreateInstanceAsync(first.ClientId, name);

        var created = await steps.CreateAsync(second.ClientId, new { name, agent_type = "support" });

        Expect(201, created);
    }

    [Fact]
    public async Task Archiving_an_instance_frees_its_name()
    {
        var tenant = await steps.NewTenantAsync();
        var name = Scenario.UniqueName("agent");
        var archived = await steps.CreateInstanceAsync(tenant.ClientId, name);
        Expect(200, await steps.ArchiveAsync(archived));

        var created = await steps.CreateAsync(tenant.ClientId, new { name, agent_type = "support" });

        Expect(201, created);
        Assert.NotEqual(archived, created.Str("id"));
        var old = await steps.GetAsync(archived);
        Assert.Equal(name, old.Str("name"));
        Assert.Equal("archived", old.Str("status"));
    }

    [Fact]
    public async Task A_child_records_its_parent()
    {
        var tenant = await steps.NewTenantAsync();
        var parent = await steps.CreateInstanceAsync(tenant.ClientId);

        var child = await steps.CreateAsync(tenant.ClientId,
            new { name = Scenario.UniqueName("child"), agent_type = "support", parent_instance_id = parent }, tenant.ClientKey);

        Expect(201, child);
        Assert.Equal(parent, child.Str("parent_instance_id"));
        Assert.Equal(parent, (await steps.GetAsync(child.Str("id"))).Str("parent_instance_id"));
    }

    [Fact]
    public async Task A_parent_that_does_not_exist_is_invalid_input()
    {
        var tenant = await steps.NewTenantAsync();

        var child = await steps.CreateAsync(tenant.ClientId,
            new { name = Scenario.UniqueName("child"), agent_type = "support", parent_instance_id = "inst_00000000000000ff" });

        ExpectInvalidInput("parent_instance_id", child);
    }

    [Fact]
    public async Task A_parent_of_another_client_is_refused_like_a_missing_one()
    {
        var owner = await steps.NewTenantAsync();
        var other = await steps.NewTenantAsync();
        var foreignParent = await steps.CreateInstanceAsync(owner.ClientId);

        var child = await steps.CreateAsync(other.ClientId,
            new { name = Scenario.UniqueName("child"), agent_type = "support", parent_instance_id = foreignParent });

        ExpectInvalidInput("parent_instance_id", child);
        var missing = await steps.CreateAsync(other.ClientId,
            new { name = Scenario.UniqueName("child"), agent_type = "support", parent_instance_id = "inst_00000000000000ff" });
        Assert.Equal(Detail(missing, "reason"), Detail(child, "reason"));
    }

    [Fact]
    public async Task An_archived_parent_is_invalid_input()
    {
        var tenant = await steps.NewTenantAsync();
        var parent = await steps.CreateInstanceAsync(tenant.ClientId);
        Expect(200, await steps.ArchiveAsync(parent));

        var child = await steps.CreateAsync(tenant.ClientId,
            new { name = Scenario.UniqueName("child"), agent_type = "support", parent_instance_id = parent });

        ExpectInvalidInput("parent_instance_id", child);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/api-keys")]
    [InlineData("POST", "/api-keys")]
    [InlineData("GET", "/memory-architecture")]
    [InlineData("POST", "/memory-architecture/init")]
    public async Task A_malformed_instance_id_is_400_and_an_unknown_one_is_instance_not_found(string method, string suffix)
    {
        var body = method is "PATCH" or "POST" ? new { config = MinimalConfig } : null;
        var prefix = suffix.StartsWith("/memory", StringComparison.Ordinal) ? "/instances" : "/dashboard/instances";

        var malformed = await steps.Api.Send(new HttpMethod(method), $"{prefix}/inst_XYZ{suffix}", Admin, body);
        var trailingNewline = await steps.Api.Send(new HttpMethod(method), $"{prefix}/inst_0123456789abcdef%0A{suffix}", Admin, body);
        var unknown = await steps.Api.Send(new HttpMethod(method), $"{prefix}/inst_00000000000000ff{suffix}", Admin, body);

        ExpectError(400, "INVALID_INSTANCE_ID", malformed);
        ExpectError(400, "INVALID_INSTANCE_ID", trailingNewline);
        ExpectError(404, "INSTANCE_NOT_FOUND", unknown);
        Assert.Equal("inst_00000000000000ff", Detail(unknown, "instance_id"));
    }

    [Fact]
    public async Task Another_clients_key_cannot_tell_its_instance_from_a_missing_one()
    {
        var owner = await steps.NewTenantAsync();
        var intruder = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(owner.ClientId);

        var read = await steps.GetAsync(id, intruder.ClientKey);
        var patch = await steps.PatchAsync(id, new { name = "stolen" }, intruder.ClientKey);
        var archive = await steps.ArchiveAsync(id, intruder.ClientKey);
        var init = await steps.InitAsync(id, new { config = MinimalConfig }, intruder.ClientKey);
        var list = await steps.ListAsync(owner.ClientId, key: intruder.ClientKey);
        var create = await steps.CreateAsync(owner.ClientId, new { name = "planted", agent_type = "support" }, intruder.ClientKey);

        foreach (var response in new[] { read, patch, archive, init })
            ExpectError(404, "INSTANCE_NOT_FOUND", response);
        ExpectError(404, "CLIENT_NOT_FOUND", list);
        ExpectError(404, "CLIENT_NOT_FOUND", create);
        var untouched = await steps.GetAsync(id);
        Assert.Equal("provisioning", untouched.Str("status"));
        Assert.NotEqual("stolen", untouched.Str("name"));
    }

    [Fact]
    public async Task Instance_routes_need_a_key()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);

        var read = await steps.GetAsync(id, key: null);
        var create = await steps.CreateAsync(tenant.ClientId, new { name = "agent", agent_type = "support" }, key: null);

        ExpectError(401, "AUTHENTICATION_REQUIRED", read);
        ExpectError(401, "AUTHENTICATION_REQUIRED", create);
    }
}
