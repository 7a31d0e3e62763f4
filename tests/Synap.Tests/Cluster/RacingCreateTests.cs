using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Cluster;

/// <summary>
/// Creates racing each other through both API nodes at once: a name is unique however the requests are spread
/// over the cluster, and nothing is lost or fails when the names differ.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RacingCreateTests(ClusterFixture cluster)
{
    private const int Racers = 16;

    [Fact]
    public async Task Of_racing_creates_of_one_client_name_exactly_one_succeeds_and_the_rest_conflict()
    {
        var name = Scenario.UniqueName();

        var responses = await RaceAsync(api => api.Post("/dashboard/clients", new { name }));

        AssertOneWinner(responses);
        var winner = responses.Single(r => r.Code == 201).Str("client_id");
        var named = (await AllClientsAsync()).Where(c => c.GetProperty("name").GetString() == name).ToList();
        Assert.Equal(winner, Assert.Single(named).GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Of_racing_creates_of_one_instance_name_in_a_client_exactly_one_succeeds_and_the_rest_conflict()
    {
        var clientId = await new Scenario(cluster.Api1.Caller()).CreateClientAsync();
        var name = Scenario.UniqueName("agent");

        var responses = await RaceAsync(api => api.Post($"/dashboard/instances?client_id={clientId}", new { name, agent_type = "support" }));

        AssertOneWinner(responses);
        var instances = await InstancesOfAsync(clientId);
        Assert.Equal(responses.Single(r => r.Code == 201).Str("id"), Assert.Single(instances).GetProperty("id").GetString());
        Assert.Equal(1, (await cluster.Api2.Caller().Get($"/dashboard/clients/{clientId}")).Json.GetProperty("instances_count").GetInt32());
    }

    [Fact]
    public async Task Racing_creates_of_different_client_names_all_succeed_and_all_are_listed()
    {
        var names = Enumerable.Range(0, Racers).Select(_ => Scenario.UniqueName()).ToArray();

        var responses = await RaceAsync((api, i) => api.Post("/dashboard/clients", new { name = names[i] }));

        Assert.All(responses, r => Assert.True(r.Code == 201, r.ToString()));
        var created = responses.Select(r => r.Str("client_id")).ToHashSet();
        Assert.Equal(Racers, created.Count);
        var listed = (await AllClientsAsync()).Select(c => c.GetProperty("client_id").GetString()!).ToHashSet();
        Assert.Superset(created, listed);
    }

    [Fact]
    public async Task Racing_creates_of_different_instance_names_all_succeed_and_all_are_listed()
    {
        var clientId = await new Scenario(cluster.Api2.Caller()).CreateClientAsync();
        var names = Enumerable.Range(0, Racers).Select(_ => Scenario.UniqueName("agent")).ToArray();

        var responses = await RaceAsync((api, i) =>
            api.Post($"/dashboard/instances?client_id={clientId}", new { name = names[i], agent_type = "support" }));

        Assert.All(responses, r => Assert.True(r.Code == 201, r.ToString()));
        var listed = await InstancesOfAsync(clientId);
        Assert.Equal(responses.Select(r => r.Str("id")).ToHashSet(), listed.Select(i => i.GetProperty("id").GetString()!).ToHashSet());
        Assert.Equal(names.ToHashSet(), listed.Select(i => i.GetProperty("name").GetString()!).ToHashSet());
        Assert.Equal(Racers, (await cluster.Api1.Caller().Get($"/dashboard/clients/{clientId}")).Json.GetProperty("instances_count").GetInt32());
    }

    private static void AssertOneWinner(IReadOnlyList<ApiResponse> responses)
    {
        Assert.All(responses, r => Assert.True(r.Code is 201 or 409, $"neither created nor a conflict: {r}"));
        Assert.Single(responses, r => r.Code == 201);
        Assert.All(responses.Where(r => r.Code == 409), r => Assert.Equal("NAME_CONFLICT", r.ErrorCode));
    }

    private Task<ApiResponse[]> RaceAsync(Func<ApiCaller, Task<ApiResponse>> send) => RaceAsync((api, _) => send(api));

    /// <summary>Sends <see cref="Racers"/> requests at once, alternating between the two API nodes.</summary>
    private async Task<ApiResponse[]> RaceAsync(Func<ApiCaller, int, Task<ApiResponse>> send)
    {
        var nodes = new[] { cluster.Api1.Caller(), cluster.Api2.Caller() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(async i =>
        {
            await go.Task;
            return await send(nodes[i % nodes.Length], i);
        }).ToArray();
        go.SetResult();
        return await Task.WhenAll(racers);
    }

    private async Task<List<JsonElement>> AllClientsAsync() => await AllPagesAsync("/dashboard/clients?");

    private async Task<List<JsonElement>> InstancesOfAsync(string clientId) => await AllPagesAsync($"/dashboard/instances?client_id={clientId}&");

    private async Task<List<JsonElement>> AllPagesAsync(string pathAndQuery)
    {
        var api = cluster.Api2.Caller();
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await api.Get($"{pathAndQuery}page={page}&page_size=100");
            Assert.True(response.Code == 200, response.ToString());
            items.AddRange(response.Json.GetProperty("data").EnumerateArray());
            if (page >= response.Json.GetProperty("total_pages").GetInt32())
                return items;
        }
    }
}
