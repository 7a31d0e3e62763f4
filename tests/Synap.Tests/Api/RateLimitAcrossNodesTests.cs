using System.Diagnostics;
using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §3 "exact across the cluster", on the real clock: two silos, two API nodes, one key hammered through both.
/// (The stopped-clock versions of these rules are in <see cref="RateLimitTests"/>.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RateLimitAcrossNodesTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int PerMinute = 60;
    private const int Burst = 20;

    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task A_client_key_is_admitted_at_most_burst_plus_rate_times_elapsed_across_both_api_nodes()
    {
        var scenario = new Scenario(api1);
        var clientId = await NewEnterpriseClientAsync(scenario);
        var key = await scenario.CreateClientKeyAsync(clientId);

        await AssertExactAsync(key, $"/dashboard/clients/{clientId}");
    }

    [Fact]
    public async Task An_instance_key_is_admitted_at_most_burst_plus_rate_times_elapsed_across_both_api_nodes()
    {
        var scenario = new Scenario(api1);
        var clientId = await NewEnterpriseClientAsync(scenario);
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        var key = await scenario.CreateInstanceKeyAsync(instanceId);

        await AssertExactAsync(key, $"/dashboard/instances/{instanceId}");
    }

    [Fact]
    public async Task A_tier_upgrade_made_through_one_node_applies_to_existing_keys_at_once_on_the_other()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        var clientKey = await scenario.CreateClientKeyAsync(clientId);
        var instanceKey = await scenario.CreateInstanceKeyAsync(await scenario.CreateInstanceAsync(clientId));
        foreach (var key in new[] { clientKey, instanceKey })
            await SpendUntilRejectedAsync(key);

        var patched = await api2.Patch($"/dashboard/clients/{clientId}", new { tier = "enterprise", rate_limit_per_minute = 6000, burst = 100 });
        Assert.True(patched.Code == 200, patched.ToString());

        foreach (var key in new[] { clientKey, instanceKey })
        {
            // The very next request is judged by the new policy; at 100 tokens a second an 11th+ request gets
            // through within a second (the free tier would need a full second for one).
            var next = await api1.Get("/api/v1/auth/whoami", key);
            Assert.Equal("6000", next.Header("X-RateLimit-Limit"));
            Assert.Equal("\"burst\";q=100;w=1", next.Header("RateLimit-Policy"));
            var admittedWithin = Stopwatch.StartNew();
            while (next.Code != 200 && admittedWithin.Elapsed < TimeSpan.FromSeconds(1))
                next = await api1.Get("/api/v1/auth/whoami", key);
            Assert.True(next.Code == 200, $"no request admitted within a second of the upgrade: {next}");
            Assert.Equal("6000", next.Header("X-RateLimit-Limit"));
        }
    }

    private async Task<string> NewEnterpriseClientAsync(Scenario scenario) =>
        await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = PerMinute, burst = Burst });

    /// <summary>
    /// Two waves of 80 concurrent requests split across the nodes, then smaller waves until 2.5 s have passed, so
    /// the refill is exercised too. After every wave the running total obeys <c>burst + rate × elapsed + 1</c>; at
    /// the end, every token earned before the last wave has been used (the demand always exceeds the refill).
    /// </summary>
    private async Task AssertExactAsync(string key, string path)
    {
        var admitted = 0;
        var waves = 0;
        var lastWaveStart = 0.0;
        var elapsed = Stopwatch.StartNew();
        while (waves < 2 || elapsed.Elapsed < TimeSpan.FromSeconds(2.5))
        {
            lastWaveStart = elapsed.Elapsed.TotalSeconds;
            var size = waves < 2 ? 80 : 10;
            var responses = await Task.WhenAll(Enumerable.Range(0, size).Select(i => (i % 2 == 0 ? api1 : api2).Get(path, key)));
            var seconds = elapsed.Elapsed.TotalSeconds;
            waves++;

            Assert.All(responses.Where(r => r.Code != 200), r =>
            {
                Assert.Equal(429, r.Code);
                Assert.Equal("RATE_LIMIT_EXCEEDED", r.ErrorCode);
                Assert.NotNull(r.Header("Retry-After"));
            });
            admitted += responses.Count(r => r.Code == 200);
            var bound = Burst + PerMinute / 60.0 * seconds + 1;
            Assert.True(admitted <= bound, $"{admitted} admitted in {seconds:F2} s, bound {bound:F1}");
            Assert.True(admitted >= Burst, $"only {admitted} admitted in {seconds:F2} s, below the burst {Burst}");
        }

        // The bucket was created by the first request, a little after the stopwatch started: one token of slack.
        var earned = Burst + (int)Math.Floor(PerMinute / 60.0 * lastWaveStart) - 1;
        output.WriteLine($"{waves} waves, {admitted} admitted in {elapsed.Elapsed.TotalSeconds:F3} s; at least {earned} expected");
        Assert.True(admitted >= earned, $"{admitted} admitted, but {earned} tokens were earned before the last wave");
    }

    private async Task SpendUntilRejectedAsync(string key)
    {
        for (var i = 0; i < 40; i++)
        {
            var response = await api1.Get("/api/v1/auth/whoami", key);
            Assert.Equal("60", response.Header("X-RateLimit-Limit"));
            if (response.Code == 429)
                return;
        }
        Assert.Fail("the free tier never rejected a request");
    }
}
