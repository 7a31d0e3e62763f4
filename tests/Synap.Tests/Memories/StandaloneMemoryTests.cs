using System.Globalization;
using Synap.Grains.Memories;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Memories;

/// <summary>Memories in standalone mode: the <c>synap_memories</c> table of the SQLite file, and ingestion resumed at start.</summary>
public sealed class StandaloneMemoryTests : IDisposable
{
    private readonly StandaloneData data = new();

    [Fact]
    public async Task A_memory_pending_when_the_node_stops_completes_after_it_starts_again()
    {
        Agent agent;
        string id;
        await using (var held = Node(ingestionDelay: TimeSpan.FromHours(1)))
        {
            var steps = new MemorySteps(held.Caller());
            agent = await steps.NewAgentAsync();
            id = await steps.AddOkAsync(agent, "kept in the file");
            Assert.Equal("pending", (await steps.GetAsync(agent, id)).Str("status"));
        }
        Assert.Equal("pending", await data.ScalarAsync($"SELECT status FROM synap_memories WHERE memory_id = '{id}'"));

        // Standalone reminders live in memory: only the start-up sweep can find the pending row again.
        await using var restarted = Node(ingestionDelay: null);
        var after = new MemorySteps(restarted.Caller());

        Assert.Equal("kept in the file", (await after.CompletedAsync(agent, id)).GetProperty("content").GetString());
        Assert.Equal(1, await after.MemoriesCountReachesAsync(agent, 1));
    }

    [Fact]
    public async Task Listing_filters_and_pages_on_sqlite_as_on_postgresql()
    {
        await using var node = Node(ingestionDelay: null);
        var steps = new MemorySteps(node.Caller());
        var agent = await steps.NewAgentAsync();
        var ids = new List<string>();
        foreach (var (content, scope) in new[] { ("Likes GREEN tea", "user"), ("100% sure", "world"), ("green_logo", "client") })
            ids.Add(await steps.AddOkAsync(agent, content, scope));

        Assert.Equal([ids[0], ids[2]], Ids(await steps.ListAsync(agent, "?q=green")));
        Assert.Equal([ids[1]], Ids(await steps.ListAsync(agent, "?q=%25")));
        Assert.Equal([ids[2]], Ids(await steps.ListAsync(agent, "?q=n_l")));
        Assert.Equal([ids[1]], Ids(await steps.ListAsync(agent, "?scope=world")));
        Assert.Equal([ids[1]], Ids(await steps.ListAsync(agent, "?page=2&page_size=1")));
        await steps.MemoriesCountReachesAsync(agent, 3);
    }

    private SynapApiFactory Node(TimeSpan? ingestionDelay)
    {
        var ports = StandaloneData.DistinctFreePorts(3);
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Standalone",
            ["Synap:DataPath"] = data.DatabasePath,
            ["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Synap:GrpcUrl"] = $"http://127.0.0.1:{ports[2]}",
        };
        if (ingestionDelay is { } delay)
            settings[$"{MemoryIngestionOptions.Section}:Delay"] = delay.ToString("c", CultureInfo.InvariantCulture);
        return new SynapApiFactory(settings);
    }

    public void Dispose() => data.Dispose();
}
