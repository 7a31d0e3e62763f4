using Synap.Tests.Infrastructure;

namespace Synap.Tests.Persistence;

/// <summary>The segmented audit log on the standalone node's SQLite file.</summary>
public sealed class StandaloneAuditLogTests : IDisposable
{
    private readonly StandaloneData data = new();

    [Fact]
    public async Task A_log_of_two_segments_reads_back_page_by_page_after_the_node_restarts()
    {
        string clientId;
        List<string?> before;
        await using (var first = data.NewApiNode())
        {
            var api = first.Caller();
            clientId = await new Scenario(api).CreateClientAsync();
            for (var i = 1; i <= 105; i++)
                Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { description = $"v{i}" })).Code);
            before = await AllIdsAsync(api, clientId);
        }

        await using var second = data.NewApiNode();
        var after = await AllIdsAsync(second.Caller(), clientId);

        Assert.Equal(106, before.Count);
        Assert.Equal(before, after);
    }

    private static async Task<List<string?>> AllIdsAsync(ApiCaller api, string clientId)
    {
        var ids = new List<string?>();
        foreach (var page in new[] { 1, 2 })
        {
            var listed = await api.Get($"/dashboard/clients/{clientId}/audit-log?page={page}&page_size=100");
            Assert.True(listed.Code == 200, listed.ToString());
            Assert.Equal(106, listed.Json.GetProperty("total").GetInt32());
            ids.AddRange(listed.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        }
        var oldest = await api.Get($"/dashboard/clients/{clientId}/audit-log?page=106&page_size=1");
        Assert.Equal("client.created", oldest.Json.GetProperty("data")[0].GetProperty("action").GetString());
        return ids;
    }

    public void Dispose() => data.Dispose();
}
