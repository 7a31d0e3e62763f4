using System.Text.Json;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>API.md §5: <c>PATCH /dashboard/instances/{id}</c> for name, description and metadata (status: see the lifecycle tests).</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceUpdateRouteTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    private async Task<(Tenant Tenant, ApiResponse Created)> NewInstanceAsync(object? metadata = null)
    {
        var tenant = await steps.NewTenantAsync();
        var created = await steps.CreateAsync(tenant.ClientId, new
        {
            name = Scenario.UniqueName("agent"),
            agent_type = "support",
            description = "before",
            metadata = metadata ?? new { team = "care", region = "eu", tier = "gold" },
        });
        Expect(201, created);
        return (tenant, created);
    }

    [Fact]
    public async Task Patching_metadata_overwrites_given_keys_removes_null_ones_and_keeps_the_rest()
    {
        var (tenant, created) = await NewInstanceAsync();

        var patched = await steps.PatchAsync(created.Str("id"),
            new Dictionary<string, object> { ["metadata"] = new Dictionary<string, string?> { ["team"] = "sales", ["region"] = null, ["channel"] = "chat" } },
            tenant.ClientKey);

        Expect(200, patched);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "sales", ["tier"] = "gold", ["channel"] = "chat" }, Metadata(patched));
        Assert.Equal(Metadata(patched), Metadata(await steps.GetAsync(created.Str("id"))));
    }

    [Fact]
    public async Task Only_the_provided_fields_change()
    {
        var (tenant, created) = await NewInstanceAsync();

        var patched = await steps.PatchAsync(created.Str("id"), new { description = "after" }, tenant.ClientKey);

        Expect(200, patched);
        Assert.Equal("after", patched.Str("description"));
        foreach (var field in new[] { "id", "name", "status", "agent_type", "config_status", "created_at", "client_id", "effective_status" })
            Assert.Equal(created.Json.GetProperty(field).GetString(), patched.Json.GetProperty(field).GetString());
        Assert.Equal(Metadata(created), Metadata(patched));
        Assert.True(Time(patched.Json.GetProperty("updated_at")) > Time(created.Json.GetProperty("updated_at")));
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_keeps_updated_at()
    {
        var (_, created) = await NewInstanceAsync();
        var id = created.Str("id");

        var empty = await steps.PatchAsync(id, new { });
        var same = await steps.PatchAsync(id, new { name = created.Str("name"), description = "before", metadata = new { team = "care" } });
        var removeMissing = await steps.PatchAsync(id, new Dictionary<string, object> { ["metadata"] = new Dictionary<string, string?> { ["absent"] = null } });

        foreach (var response in new[] { empty, same, removeMissing })
        {
            Expect(200, response);
            Assert.Equal(created.Text, response.Text);
        }
    }

    [Fact]
    public async Task Renaming_trims_the_new_name_and_a_null_description_clears_it()
    {
        var (tenant, created) = await NewInstanceAsync();
        var name = Scenario.UniqueName("renamed");

        var patched = await steps.PatchAsync(created.Str("id"), new Dictionary<string, object?> { ["name"] = $" {name} ", ["description"] = null },
            tenant.ClientKey);

        Expect(200, patched);
        Assert.Equal(name, patched.Str("name"));
        Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Renaming_to_a_name_in_use_is_a_conflict_and_changes_nothing()
    {
        var (tenant, created) = await NewInstanceAsync();
        var taken = Scenario.UniqueName("taken");
        await steps.CreateInstanceAsync(tenant.ClientId, taken);
        var id = created.Str("id");

        var patched = await steps.PatchAsync(id, new { name = taken, description = "after", metadata = new { team = "sales" } }, tenant.ClientKey);

        ExpectError(409, "NAME_CONFLICT", patched);
        Assert.Equal(taken, Detail(patched, "name"));
        Assert.Equal(created.Text, (await steps.GetAsync(id)).Text);
        var names = (await steps.ListAsync(tenant.ClientId)).Json.GetProperty("data").EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains(created.Str("name"), names);
    }

    [Fact]
    public async Task Concurrent_renames_to_one_name_let_exactly_one_instance_take_it()
    {
        var tenant = await steps.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
            ids.Add(await steps.CreateInstanceAsync(tenant.ClientId));
        var name = Scenario.UniqueName("contested");
        var nodes = new[] { steps.Api, cluster.Api2.Caller() };

        var responses = await Task.WhenAll(ids.Select((id, i) => nodes[i % 2].Patch($"/dashboard/instances/{id}", new { name })));

        var winner = Assert.Single(responses, r => r.Code == 200);
        Assert.All(responses.Where(r => r.Code != 200), r => ExpectError(409, "NAME_CONFLICT", r));
        var names = (await steps.ListAsync(tenant.ClientId)).Json.GetProperty("data").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("name").GetString());
        Assert.Equal([winner.Str("id")], names.Where(p => p.Value == name).Select(p => p.Key));
        foreach (var id in ids)
            Assert.Equal(names[id], (await steps.GetAsync(id)).Str("name"));
    }

    [Fact]
    public async Task Renaming_to_the_name_of_an_archived_instance_is_allowed()
    {
        var (tenant, created) = await NewInstanceAsync();
        var name = Scenario.UniqueName("reused");
        var archived = await steps.CreateInstanceAsync(tenant.ClientId, name);
        Expect(200, await steps.ArchiveAsync(archived));

        var patched = await steps.PatchAsync(created.Str("id"), new { name });

        Expect(200, patched);
        Assert.Equal(name, patched.Str("name"));
    }

    [Fact]
    public async Task A_released_name_can_be_taken_by_another_instance()
    {
        var (tenant, created) = await NewInstanceAsync();
        var oldName = created.Str("name");
        Expect(200, await steps.PatchAsync(created.Str("id"), new { name = Scenario.UniqueName("renamed") }));

        var reuse = await steps.CreateAsync(tenant.ClientId, new { name = oldName, agent_type = "support" });

        Expect(201, reuse);
    }

    // Each body pairs the invalid field with a valid change, which must not be applied either.
    public static TheoryData<string, string> InvalidPatches => new()
    {
        { "name", """{"description": "changed", "name": null}""" },
        { "name", """{"description": "changed", "name": "  "}""" },
        { "name", $$"""{"description": "changed", "name": "{{new string('n', 201)}}"}""" },
        { "name", """{"description": "changed", "name": 5}""" },
        { "description", $$"""{"name": "changed", "description": "{{new string('d', 2001)}}"}""" },
        { "metadata", """{"description": "changed", "metadata": ["a"]}""" },
        { "metadata.team", """{"description": "changed", "metadata": {"team": 1}}""" },
        { "metadata.team", $$$"""{"description": "changed", "metadata": {"team": "{{{new string('v', 1001)}}}"}}""" },
        { "metadata", $$$"""{"description": "changed", "metadata": {"{{{new string('k', 101)}}}": "v"}}""" },
        // 3 keys already set + 62 new ones: the merged map is over the limit of 64.
        { "metadata", "{\"description\": \"changed\", \"metadata\": {" + string.Join(", ", Enumerable.Range(0, 62).Select(i => $"\"k{i}\": \"v\"")) + "}}" },
        { "status", """{"description": "changed", "status": "paused"}""" },
        { "status", """{"description": "changed", "status": null}""" },
        { "status", """{"description": "changed", "status": 1}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task An_invalid_patch_is_invalid_input_naming_the_field_and_changes_nothing(string field, string body)
    {
        var (tenant, created) = await NewInstanceAsync();
        var id = created.Str("id");

        var patched = await steps.Api.Send(HttpMethod.Patch, $"/dashboard/instances/{id}", tenant.ClientKey, body);

        ExpectInvalidInput(field, patched);
        Assert.Equal(created.Text, (await steps.GetAsync(id)).Text);
    }
}
