using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Memories;

/// <summary>
/// The memory store through the Orleans client, as a trusted back end (and the instance's reset) uses it: the same
/// rules as HTTP, the access rule of every grain keyed by an instance, and <c>Clear</c> keeping the count exact.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MemoryStoreGrainTests(ClusterFixture cluster)
{
    private readonly MemorySteps steps = new(cluster.Api1.Caller());

    private IMemoryStoreGrain Store(Agent agent) => cluster.Grains.GetGrain<IMemoryStoreGrain>(agent.InstanceId);

    [Fact]
    public async Task A_trusted_caller_meets_the_same_rules_as_http()
    {
        var agent = await steps.NewAgentAsync();

        var badScope = await Store(agent).Add(new AddMemoryCommand("x", "galaxy"), Actor.Admin);
        var nul = await Store(agent).Add(new AddMemoryCommand("a\0b", "user"), Actor.Admin);
        var nullMetadataValue = await Store(agent).Add(new AddMemoryCommand("x", "user", null, new Dictionary<string, string> { ["k"] = null! }), Actor.Admin);
        var badPage = await Store(agent).List(new ListMemoriesQuery(new PageRequest(0, 20)), Actor.Admin);
        var added = await Store(agent).Add(new AddMemoryCommand("from a back end", "world", null, new Dictionary<string, string> { ["source"] = "etl" }), Actor.Admin);

        Assert.Equal(("INVALID_INPUT", "scope"), (badScope.Error!.Code, badScope.Error.Details["field"]));
        Assert.Equal("content", nul.Error!.Details["field"]);
        Assert.Equal("metadata.k", nullMetadataValue.Error!.Details["field"]);
        Assert.Equal("page", badPage.Error!.Details["field"]);
        Assert.True(added.IsSuccess, added.Error?.ToString());
        Assert.StartsWith("req_", added.Value!.CorrelationId);
        await steps.CompletedAsync(agent, added.Value.Id);
    }

    [Fact]
    public async Task Another_instances_key_and_another_tenants_key_see_no_store()
    {
        var agent = await steps.NewAgentAsync();
        var other = await steps.NewAgentAsync();
        var otherKey = Actor.ForInstanceKey("cred_000000000000", other.ClientId, other.InstanceId);
        var foreignClient = Actor.ForClientKey("cred_000000000001", other.ClientId);

        var add = await Store(agent).Add(new AddMemoryCommand("x", "user"), otherKey);
        var clear = await Store(agent).Clear(foreignClient);
        var byClientKey = await Store(agent).Add(new AddMemoryCommand("x", "user"), Actor.ForClientKey("cred_000000000002", agent.ClientId));

        Assert.Equal(ErrorCodes.InstanceNotFound, add.Error!.Code);
        Assert.Equal(ErrorCodes.InstanceNotFound, clear.Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, byClientKey.Error!.Code);
    }

    [Fact]
    public async Task Clear_removes_every_memory_and_memories_count_is_zero()
    {
        var agent = await steps.NewAgentAsync();
        var ids = new[] { await steps.AddOkAsync(agent, "a"), await steps.AddOkAsync(agent, "b"), await steps.AddOkAsync(agent, "c") };
        await steps.MemoriesCountReachesAsync(agent, 3);

        var cleared = await Store(agent).Clear(Actor.ForClientKey("cred_000000000003", agent.ClientId));

        Assert.Equal(3, cleared.Value);
        Assert.Equal(0, await steps.MemoriesCountAsync(agent));
        Assert.Equal(0, (await Store(agent).Count(Actor.Admin)).Value);
        Assert.Equal(0, (await steps.ListAsync(agent)).Json.GetProperty("total").GetInt32());
        Assert.Equal(404, (await steps.GetAsync(agent, ids[0])).Code);
        var after = await steps.AddOkAsync(agent, "after the reset");
        await steps.MemoriesCountReachesAsync(agent, 1);
        Assert.Equal([after], Api.InstanceSteps.Ids(await steps.ListAsync(agent)));
    }
}
