using System.Text.Json;
using Synap.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>API.md §7: <c>POST /instances/{id}/memory-architecture/init</c> and <c>GET /instances/{id}/memory-architecture</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MemoryArchitectureTests(ClusterFixture cluster)
{
    private const string Config = "memory:\n  types: [episodic, semantic]\nretrieval:\n  top_k: 5\n";

    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    private ApiCaller Api => steps.Api;

    private async Task<(Tenant Tenant, string InstanceId)> NewInstanceAsync()
    {
        var tenant = await steps.NewTenantAsync();
        return (tenant, await steps.CreateInstanceAsync(tenant.ClientId));
    }

    [Fact]
    public async Task Init_creates_version_1_as_active_and_activates_the_instance()
    {
        var (tenant, id) = await NewInstanceAsync();
        var key = await Api.Post($"/dashboard/clients/{tenant.ClientId}/api-keys", new { label = "operator" });

        var init = await steps.InitAsync(id, new { config = Config }, key.Str("api_key"));

        Expect(201, init);
        var json = init.Json;
        ExpectFields(json, "config_id", "version", "status", "config", "created_at", "created_by", "approved_by", "applied_at");
        Assert.Matches("^cfg_[0-9a-f]{16}$", json.GetProperty("config_id").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("active", json.GetProperty("status").GetString());
        Assert.Equal(Config, json.GetProperty("config").GetString());
        ExpectUtcTime(json.GetProperty("created_at"));
        Assert.Equal(key.Str("credential_id"), json.GetProperty("created_by").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("approved_by").ValueKind);
        Assert.Equal(json.GetProperty("created_at").GetString(), json.GetProperty("applied_at").GetString());

        var instance = await steps.GetAsync(id);
        Assert.Equal("active", instance.Str("status"));
        Assert.Equal("active", instance.Str("effective_status"));
        Assert.Equal("active", instance.Str("config_status"));
    }

    [Fact]
    public async Task The_active_version_is_readable_after_init_and_404_before()
    {
        var (tenant, id) = await NewInstanceAsync();

        var before = await Api.Get($"/instances/{id}/memory-architecture", tenant.ClientKey);
        var init = await steps.InitAsync(id, new { config = Config }, tenant.ClientKey);
        var after = await Api.Get($"/instances/{id}/memory-architecture", tenant.ClientKey);
        var fromApi2 = await cluster.Api2.Caller().Get($"/instances/{id}/memory-architecture", tenant.ClientKey);

        ExpectError(404, "NOT_FOUND", before);
        Assert.Equal(id, Detail(before, "instance_id"));
        Expect(201, init);
        Expect(200, after);
        Assert.Equal(init.Text, after.Text);
        Assert.Equal(init.Text, fromApi2.Text);
    }

    [Fact]
    public async Task Init_a_second_time_is_already_initialized_and_keeps_version_1()
    {
        var (tenant, id) = await NewInstanceAsync();
        var first = await steps.InitAsync(id, new { config = Config }, tenant.ClientKey);

        var again = await steps.InitAsync(id, new { config = "other: true\n" }, tenant.ClientKey);

        ExpectError(409, "ALREADY_INITIALIZED", again);
        Assert.Equal(first.Text, (await Api.Get($"/instances/{id}/memory-architecture")).Text);
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("suspended")]
    public async Task Init_after_the_instance_moved_on_is_already_initialized(string status)
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.InstanceInStatusAsync(tenant.ClientId, status);

        var again = await steps.InitAsync(id, new { config = Config }, tenant.ClientKey);

        ExpectError(409, "ALREADY_INITIALIZED", again);
        Assert.Equal(status, await steps.StatusOfAsync(id));
    }

    [Fact]
    public async Task Use_case_markdown_derives_a_default_yaml_mapping()
    {
        var (tenant, id) = await NewInstanceAsync();
        const string useCase = "# Support bot\nRemembers each customer's open tickets.";

        var init = await steps.InitAsync(id, new { use_case_markdown = useCase }, tenant.ClientKey);

        Expect(201, init);
        Assert.Equal(1, init.Json.GetProperty("version").GetInt32());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(init.Str("config")));
        var root = Assert.IsType<YamlMappingNode>(Assert.Single(yaml.Documents).RootNode);
        Assert.NotEmpty(root.Children);
        Assert.Equal("active", (await steps.GetAsync(id)).Str("config_status"));
    }

    [Fact]
    public async Task Config_wins_when_both_config_and_use_case_markdown_are_given()
    {
        var (tenant, id) = await NewInstanceAsync();

        var init = await steps.InitAsync(id, new { config = Config, use_case_markdown = "ignored" }, tenant.ClientKey);

        Expect(201, init);
        Assert.Equal(Config, init.Str("config"));
    }

    public static TheoryData<string, string> InvalidInitBodies => new()
    {
        { "config", """{}""" },
        { "config", """{"config": null}""" },
        { "config", """{"config": 42}""" },
        { "config", """{"config": {"memory": "episodic"}}""" },
        { "config", """{"config": "memory: [unclosed"}""" },
        { "config", """{"config": "key: value\n  bad indentation: here"}""" },
        { "config", """{"config": "- episodic\n- semantic\n"}""" },
        { "config", """{"config": "just a scalar"}""" },
        { "config", """{"config": "42"}""" },
        { "config", """{"config": ""}""" },
        { "config", """{"config": "a: 1\n---\nb: 2\n"}""" },
        { "use_case_markdown", """{"use_case_markdown": "   "}""" },
        { "use_case_markdown", """{"use_case_markdown": 7}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidInitBodies))]
    public async Task Init_without_a_yaml_mapping_is_invalid_input_and_changes_nothing(string field, string body)
    {
        var (tenant, id) = await NewInstanceAsync();
        var before = await steps.GetAsync(id);

        var init = await Api.Send(HttpMethod.Post, $"/instances/{id}/memory-architecture/init", tenant.ClientKey, body);

        ExpectInvalidInput(field, init);
        Assert.Equal(before.Text, (await steps.GetAsync(id)).Text);
        ExpectError(404, "NOT_FOUND", await Api.Get($"/instances/{id}/memory-architecture"));
    }

    [Fact]
    public async Task Invalid_yaml_is_reported_with_the_parse_error()
    {
        var (tenant, id) = await NewInstanceAsync();

        var init = await steps.InitAsync(id, new { config = "memory: [unclosed" }, tenant.ClientKey);

        ExpectInvalidInput("config", init);
        Assert.Contains("YAML", Detail(init, "reason"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Init_by_the_admin_records_the_admin_as_creator()
    {
        var (_, id) = await NewInstanceAsync();

        var init = await steps.InitAsync(id, new { config = Config });

        Expect(201, init);
        Assert.Equal("admin", init.Str("created_by"));
    }
}
