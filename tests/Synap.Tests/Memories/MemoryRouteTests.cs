using System.Text.Json;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Memories;

/// <summary>API.md §11: <c>/v1/memories</c> through a real cluster on PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MemoryRouteTests(ClusterFixture cluster)
{
    private readonly MemorySteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task A_memory_is_acknowledged_pending_with_202_and_completes_in_the_background()
    {
        var agent = await steps.NewAgentAsync();
        var correlationId = AuditAssert.NewCorrelationId();

        var added = await steps.Api.SendAs(correlationId, HttpMethod.Post, "/v1/memories",
            new { content = "Prefers email over phone", scope = "customer", scope_id = "cust-42", metadata = new { source = "chat" } }, agent.Key);

        Expect(202, added);
        ExpectFields(added.Json, "id", "status", "created_at", "correlation_id");
        Assert.Matches("^mem_[0-9a-f]{16}$", added.Str("id"));
        Assert.Equal("pending", added.Str("status"));
        ExpectUtcTime(added.Json.GetProperty("created_at"));
        Assert.Equal(correlationId, added.Str("correlation_id"));

        var memory = await steps.CompletedAsync(agent, added.Str("id"));
        Assert.Equal(added.Str("id"), memory.GetProperty("id").GetString());
        Assert.Equal("Prefers email over phone", memory.GetProperty("content").GetString());
        Assert.Equal("customer", memory.GetProperty("scope").GetString());
        Assert.Equal("cust-42", memory.GetProperty("scope_id").GetString());
        Assert.Equal("chat", memory.GetProperty("metadata").GetProperty("source").GetString());
        Assert.Equal(added.Str("created_at"), memory.GetProperty("created_at").GetString());
        Assert.Equal(correlationId, memory.GetProperty("correlation_id").GetString());
        Assert.True(Time(memory.GetProperty("completed_at")) >= Time(memory.GetProperty("created_at")));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Prefers email over phone"u8)),
            memory.GetProperty("content_sha256").GetString());
        Assert.Equal(6, memory.GetProperty("token_estimate").GetInt32());
    }

    [Fact]
    public async Task The_memory_is_readable_through_the_other_api_node()
    {
        var agent = await steps.NewAgentAsync();
        var id = await steps.AddOkAsync(agent, "seen everywhere");

        await steps.CompletedAsync(agent, id);
        var fromApi2 = await cluster.Api2.Caller().Get($"/v1/memories/{id}", agent.Key);

        Expect(200, fromApi2);
        Assert.Equal("completed", fromApi2.Str("status"));
    }

    [Fact]
    public async Task The_list_is_paged_in_creation_order_and_filters_by_scope_and_a_case_insensitive_substring()
    {
        var agent = await steps.NewAgentAsync();
        var ids = new List<string>();
        foreach (var (content, scope) in new[] { ("Likes GREEN tea", "user"), ("Ships to Berlin", "customer"), ("green logo", "client"), ("Water boils at 100 C", "world"), ("Evergreen account", "user") })
            ids.Add(await steps.AddOkAsync(agent, content, scope));

        var all = await steps.ListAsync(agent);
        var firstPage = await steps.ListAsync(agent, "?page=1&page_size=2");
        var lastPage = await steps.ListAsync(agent, "?page=3&page_size=2");
        var beyond = await steps.ListAsync(agent, "?page=9&page_size=2");
        var users = await steps.ListAsync(agent, "?scope=user");
        var green = await steps.ListAsync(agent, "?q=GrEeN");
        var greenUsers = await steps.ListAsync(agent, "?scope=user&q=green");
        var literal = await steps.ListAsync(agent, "?q=%25");

        Expect(200, all);
        ExpectFields(all.Json, "data", "page", "page_size", "total", "total_pages");
        Assert.Equal(ids, Ids(all));
        Assert.Equal(5, all.Json.GetProperty("total").GetInt32());
        Assert.Equal(ids[..2], Ids(firstPage));
        Assert.Equal(3, firstPage.Json.GetProperty("total_pages").GetInt32());
        Assert.Equal([ids[4]], Ids(lastPage));
        Assert.Empty(Ids(beyond));
        Assert.Equal(5, beyond.Json.GetProperty("total").GetInt32());
        Assert.Equal([ids[0], ids[4]], Ids(users));
        Assert.Equal([ids[0], ids[2], ids[4]], Ids(green));
        Assert.Equal([ids[0], ids[4]], Ids(greenUsers));
        Assert.Empty(Ids(literal));
        Assert.Equal(0, literal.Json.GetProperty("total_pages").GetInt32());
    }

    [Fact]
    public async Task A_deleted_memory_is_gone_and_a_second_delete_is_not_found()
    {
        var agent = await steps.NewAgentAsync();
        var kept = await steps.AddOkAsync(agent, "kept");
        var dropped = await steps.AddOkAsync(agent, "dropped");
        await steps.CompletedAsync(agent, dropped);

        var deleted = await steps.Api.Delete($"/v1/memories/{dropped}", agent.Key);
        var again = await steps.Api.Delete($"/v1/memories/{dropped}", agent.Key);
        var read = await steps.GetAsync(agent, dropped);

        Expect(200, deleted);
        Assert.True(deleted.Json.GetProperty("success").GetBoolean());
        ExpectError(404, "NOT_FOUND", again);
        Assert.Equal(dropped, Detail(again, "memory_id"));
        ExpectError(404, "NOT_FOUND", read);
        Assert.Equal([kept], Ids(await steps.ListAsync(agent)));
    }

    [Fact]
    public async Task Memories_count_counts_completed_undeleted_memories()
    {
        var agent = await steps.NewAgentAsync();
        Assert.Equal(0, await steps.MemoriesCountAsync(agent));

        var first = await steps.AddOkAsync(agent, "one");
        await steps.AddOkAsync(agent, "two");
        await steps.MemoriesCountReachesAsync(agent, 2);
        Expect(200, await steps.Api.Delete($"/v1/memories/{first}", agent.Key));

        Assert.Equal(1, await steps.MemoriesCountAsync(agent));
        var byAdmin = await steps.Api.Get($"/dashboard/instances/{agent.InstanceId}");
        Assert.Equal(1, byAdmin.Json.GetProperty("memories_count").GetInt64());
    }

    [Fact]
    public async Task Another_instance_cannot_read_list_or_delete_the_memory()
    {
        var owner = await steps.NewAgentAsync();
        var stranger = await steps.NewAgentAsync();
        var id = await steps.AddOkAsync(owner, "private note");
        await steps.CompletedAsync(owner, id);
        var missing = "mem_0123456789abcdef";

        var read = await steps.GetAsync(stranger, id);
        var deleted = await steps.Api.Delete($"/v1/memories/{id}", stranger.Key);
        var list = await steps.ListAsync(stranger, "?q=private");
        var readMissing = await steps.GetAsync(stranger, missing);

        ExpectError(404, "NOT_FOUND", read);
        Assert.Equal(id, Detail(read, "memory_id"));
        ExpectError(404, "NOT_FOUND", deleted);
        // Exactly the answer to an id that does not exist: nothing tells the stranger the memory is real.
        Assert.Equal(readMissing.Text.Replace(missing, id, StringComparison.Ordinal), read.Text);
        Expect(200, list);
        Assert.Equal(0, list.Json.GetProperty("total").GetInt32());
        Expect(200, await steps.GetAsync(owner, id));
        Assert.Equal(1, await steps.MemoriesCountAsync(owner));
    }

    [Fact]
    public async Task Only_the_instance_key_may_call_the_memory_routes()
    {
        var agent = await steps.NewAgentAsync();

        var byAdmin = await steps.Api.Post("/v1/memories", new { content = "x", scope = "user" });
        var byClientKey = await steps.Api.Get("/v1/memories", agent.ClientKey);

        ExpectError(403, "FORBIDDEN", byAdmin);
        Assert.Contains("admin", Detail(byAdmin, "reason"));
        ExpectError(403, "FORBIDDEN", byClientKey);
        Assert.Equal(0, (await steps.ListAsync(agent)).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_inactive_instance_may_not_use_its_memories()
    {
        var agent = await steps.NewAgentAsync();
        var id = await steps.AddOkAsync(agent, "before");
        Expect(200, await steps.Api.Patch($"/dashboard/instances/{agent.InstanceId}", new { status = "inactive" }));

        var add = await steps.AddAsync(agent, new { content = "after", scope = "user" });
        var read = await steps.GetAsync(agent, id);

        ExpectError(403, "INSTANCE_NOT_ACTIVE", add);
        Assert.Equal("inactive", Detail(add, "status"));
        ExpectError(403, "INSTANCE_NOT_ACTIVE", read);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_stores_one_memory()
    {
        var agent = await steps.NewAgentAsync();
        var body = new { content = "once only", scope = "user" };

        var first = await Send(body, "mem-key-1");
        var replay = await Send(body, "mem-key-1");
        var reused = await Send(new { content = "something else", scope = "user" }, "mem-key-1");

        Expect(202, first);
        Expect(202, replay);
        Assert.Equal(first.Text, replay.Text);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        ExpectError(409, "IDEMPOTENCY_KEY_REUSED", reused);
        Assert.Equal([first.Str("id")], Ids(await steps.ListAsync(agent)));

        Task<ApiResponse> Send(object payload, string key) => steps.Api.Send(HttpMethod.Post, "/v1/memories", agent.Key, payload,
            configure: r => r.Headers.Add("Idempotency-Key", key));
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { """{"scope": "user"}""", "content" },
        { """{"content": "   ", "scope": "user"}""", "content" },
        { """{"content": "a\u0000b", "scope": "user"}""", "content" },
        { """{"content": 42, "scope": "user"}""", "content" },
        { $$"""{"content": "{{new string('x', 32 * 1024 + 1)}}", "scope": "user"}""", "content" },
        { """{"content": "x"}""", "scope" },
        { """{"content": "x", "scope": "User"}""", "scope" },
        { """{"content": "x", "scope": "galaxy"}""", "scope" },
        { """{"content": "x", "scope": ["user"]}""", "scope" },
        { $$"""{"content": "x", "scope": "user", "scope_id": "{{new string('s', 201)}}"}""", "scope_id" },
        { """{"content": "x", "scope": "user", "scope_id": "a\u202Eb"}""", "scope_id" },
        { """{"content": "x", "scope": "user", "metadata": {"n": 1}}""", "metadata.n" },
        { """{"content": "x", "scope": "user", "metadata": "tags"}""", "metadata" },
        { """{"content": "x", "scope": "user", "content\ud800": 1}""", "body" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task A_hostile_body_is_a_400_naming_the_field(string body, string field)
    {
        var agent = await steps.NewAgentAsync();

        var response = await steps.Api.Send(HttpMethod.Post, "/v1/memories", agent.Key, body);

        ExpectInvalidInput(field, response);
        Assert.Equal(0, (await steps.ListAsync(agent)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?page_size=101", "page_size")]
    [InlineData("?scope=galaxy", "scope")]
    [InlineData("?scope=user&scope=world", "scope")]
    [InlineData("?q=%00", "q")]
    public async Task A_hostile_listing_is_a_400_naming_the_parameter(string query, string field)
    {
        var agent = await steps.NewAgentAsync();

        ExpectInvalidInput(field, await steps.ListAsync(agent, query));
    }

    [Fact]
    public async Task A_huge_q_and_malformed_memory_ids_are_400s()
    {
        var agent = await steps.NewAgentAsync();

        ExpectInvalidInput("q", await steps.ListAsync(agent, "?q=" + new string('q', 201)));
        foreach (var bad in new[] { "mem_123", "MEM_0123456789ABCDEF", "mem_0123456789abcdeg", "inst_0123456789abcdef", "mem_0123456789abcd%C3%A9" })
        {
            ExpectInvalidInput("memory_id", await steps.GetAsync(agent, bad));
            ExpectInvalidInput("memory_id", await steps.Api.Delete($"/v1/memories/{bad}", agent.Key));
        }
    }

    [Fact]
    public async Task Content_keeps_line_breaks_tabs_and_unicode_exactly()
    {
        var agent = await steps.NewAgentAsync();
        const string content = "Line one\n\tindented — ünïcødé 🧠\r\nend";

        var id = await steps.AddOkAsync(agent, content);
        var memory = await steps.CompletedAsync(agent, id);

        Assert.Equal(content, memory.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, memory.GetProperty("scope_id").ValueKind);
    }
}
