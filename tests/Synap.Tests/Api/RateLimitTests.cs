using System.Globalization;
using System.Text.Json;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>API.md §3 through HTTP, with the grains' clock stopped: every admission is decided by the bucket alone.</summary>
[Collection(FakeClockCollection.Name)]
public sealed class RateLimitTests(FakeClockClusterFixture fixture)
{
    private readonly ApiCaller api1 = fixture.Api1.Caller();
    private readonly ApiCaller api2 = fixture.Api2.Caller();

    private long Unix => fixture.Now.ToUnixTimeSeconds();

    [Fact]
    public async Task A_free_key_gets_exactly_its_burst_of_10_then_429_with_retry_after_and_details()
    {
        var (clientId, key) = await NewClientKeyAsync();

        for (var i = 0; i < 10; i++)
        {
            var admitted = await api1.Get($"/dashboard/clients/{clientId}", key);
            Assert.True(admitted.Code == 200, admitted.ToString());
            AssertHeaders(admitted, limit: 60, burst: 10, remaining: 9 - i, secondsUntilFull: i + 1);
        }
        var rejected = await api1.Get($"/dashboard/clients/{clientId}", key);

        Assert.Equal(429, rejected.Code);
        Assert.Equal("RATE_LIMIT_EXCEEDED", rejected.ErrorCode);
        Assert.Equal("1", rejected.Header("Retry-After"));
        var details = rejected.Json.GetProperty("details");
        Assert.Equal(JsonValueKind.Number, details.GetProperty("limit").ValueKind);
        Assert.Equal(60, details.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Number, details.GetProperty("remaining").ValueKind);
        Assert.Equal(0, details.GetProperty("remaining").GetInt32());
        Assert.Equal(JsonValueKind.Number, details.GetProperty("retry_after").ValueKind);
        Assert.Equal(1, details.GetProperty("retry_after").GetInt32());
        AssertHeaders(rejected, limit: 60, burst: 10, remaining: 0, secondsUntilFull: 10);
        Assert.NotNull(rejected.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task Every_authenticated_response_carries_the_rate_limit_headers_whatever_its_status()
    {
        var (clientId, clientKey) = await NewClientKeyAsync();
        var instanceKey = await new Scenario(api1).CreateInstanceKeyAsync(await new Scenario(api1).CreateInstanceAsync(clientId));
        var unknownInstance = $"inst_{Guid.NewGuid():N}"[..21];

        var responses = new[]
        {
            await api1.Get($"/dashboard/clients/{clientId}", clientKey),
            await api1.Post($"/dashboard/instances?client_id={clientId}", new { name = Scenario.UniqueName("agent"), agent_type = "support" }, clientKey),
            await api1.Get($"/dashboard/instances/{unknownInstance}", clientKey),
            await api1.Patch($"/dashboard/clients/{clientId}", new { name = "" }, clientKey),
            await api1.Patch($"/dashboard/clients/{clientId}", new { tier = "pro" }, clientKey),
            await api1.Get("/api/v1/auth/whoami", clientKey),
        };

        Assert.Equal([200, 201, 404, 400, 403, 200], responses.Select(r => r.Code));
        for (var i = 0; i < responses.Length; i++)
            AssertHeaders(responses[i], limit: 60, burst: 10, remaining: 9 - i, secondsUntilFull: i + 1);

        var forbidden = await api1.Get($"/dashboard/instances?client_id={clientId}", instanceKey);
        Assert.Equal(403, forbidden.Code);
        Assert.Equal("FORBIDDEN", forbidden.ErrorCode);
        AssertHeaders(forbidden, limit: 60, burst: 10, remaining: 9, secondsUntilFull: 1);
    }

    [Fact]
    public async Task Routes_without_authentication_carry_no_rate_limit_headers_and_take_no_token_even_with_a_key()
    {
        var (_, key) = await NewClientKeyAsync();

        for (var i = 0; i < 12; i++)
        {
            var health = await api1.Get("/health/live", key);
            Assert.Equal(200, health.Code);
            AssertNoRateLimitHeaders(health);
        }
        var unknownRoute = await api1.Get("/no-such-route", key);
        var exchange = await api1.Post("/api/v1/keys/bootstrap", new { bootstrap_key = "bsk_" + new string('A', 43) }, key);
        var whoami = await api1.Get("/api/v1/auth/whoami", key);

        Assert.Equal(404, unknownRoute.Code);
        AssertNoRateLimitHeaders(unknownRoute);
        Assert.Equal(401, exchange.Code);
        AssertNoRateLimitHeaders(exchange);

        Assert.Equal(200, whoami.Code);
        Assert.Equal("9", whoami.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task One_second_later_exactly_one_more_request_is_admitted()
    {
        var (_, key) = await NewClientKeyAsync();
        Assert.Equal((10, 1), await CountAsync(api1, key, 11));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var next = await api1.Get("/api/v1/auth/whoami", key);
        var after = await api1.Get("/api/v1/auth/whoami", key);

        Assert.Equal(200, next.Code);
        AssertHeaders(next, limit: 60, burst: 10, remaining: 0, secondsUntilFull: 10);
        Assert.Equal(429, after.Code);

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var halfway = await api1.Get("/api/v1/auth/whoami", key);
        Assert.Equal(429, halfway.Code);
        Assert.Equal("1", halfway.Header("Retry-After"));

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal((1, 1), await CountAsync(api1, key, 2));
    }

    [Fact]
    public async Task The_burst_is_shared_by_every_api_node()
    {
        var (_, key) = await NewClientKeyAsync();

        var alternating = new List<int>();
        for (var i = 0; i < 12; i++)
            alternating.Add((await (i % 2 == 0 ? api1 : api2).Get("/api/v1/auth/whoami", key)).Code);

        Assert.Equal(Enumerable.Repeat(200, 10).Concat([429, 429]), alternating);

        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => (i % 2 == 0 ? api1 : api2).Get("/api/v1/auth/whoami", key)));

        Assert.Equal(5, concurrent.Count(r => r.Code == 200));
        Assert.All(concurrent.Where(r => r.Code != 200), r => Assert.Equal("RATE_LIMIT_EXCEEDED", r.ErrorCode));
    }

    [Fact]
    public async Task Each_key_has_its_own_bucket()
    {
        var scenario = new Scenario(api1);
        var (clientId, first) = await NewClientKeyAsync();
        var second = await scenario.CreateClientKeyAsync(clientId);
        var instanceKey = await scenario.CreateInstanceKeyAsync(await scenario.CreateInstanceAsync(clientId));

        Assert.Equal((10, 2), await CountAsync(api1, first, 12));
        Assert.Equal((10, 2), await CountAsync(api2, second, 12));
        Assert.Equal((10, 2), await CountAsync(api1, instanceKey, 12));
    }

    [Fact]
    public async Task The_admin_key_is_not_limited()
    {
        var (clientId, key) = await NewClientKeyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => (i % 2 == 0 ? api1 : api2).Get($"/dashboard/clients/{clientId}")));

        Assert.All(responses, r => Assert.Equal(200, r.Code));
        Assert.Equal("9", (await api1.Get("/api/v1/auth/whoami", key)).Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Upgrading_the_tier_applies_to_existing_client_and_instance_keys_on_their_next_request()
    {
        var scenario = new Scenario(api1);
        var (clientId, clientKey) = await NewClientKeyAsync();
        var instanceKey = await scenario.CreateInstanceKeyAsync(await scenario.CreateInstanceAsync(clientId));
        Assert.Equal((10, 1), await CountAsync(api1, clientKey, 11));
        Assert.Equal((10, 1), await CountAsync(api1, instanceKey, 11));

        var patched = await api2.Patch($"/dashboard/clients/{clientId}", new { tier = "enterprise", rate_limit_per_minute = 6000, burst = 100 });
        Assert.True(patched.Code == 200, patched.ToString());

        // The spent tokens stay spent, but the very next request is judged by the new policy...
        foreach (var key in new[] { clientKey, instanceKey })
        {
            var next = await api1.Get("/api/v1/auth/whoami", key);
            Assert.Equal(429, next.Code);
            Assert.Equal("6000", next.Header("X-RateLimit-Limit"));
            Assert.Equal("\"burst\";q=100;w=1", next.Header("RateLimit-Policy"));
            Assert.Equal(6000, next.Json.GetProperty("details").GetProperty("limit").GetInt32());
        }

        // ...and refills at 100 tokens a second: 0.1 s buys 10 requests (the free tier would allow none), 2 s a full burst.
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal((10, 1), await CountAsync(api1, clientKey, 11));
        Assert.Equal((10, 1), await CountAsync(api2, instanceKey, 11));

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((100, 20), await CountConcurrentlyAsync(clientKey, 120));
        Assert.Equal((100, 20), await CountConcurrentlyAsync(instanceKey, 120));
    }

    [Fact]
    public async Task Downgrading_the_tier_caps_existing_client_and_instance_keys_at_the_new_burst_on_their_next_request()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = 60, burst = 100 });
        var clientKey = await scenario.CreateClientKeyAsync(clientId);
        var instanceKey = await scenario.CreateInstanceKeyAsync(await scenario.CreateInstanceAsync(clientId));
        foreach (var key in new[] { clientKey, instanceKey })
        {
            var first = await api1.Get("/api/v1/auth/whoami", key);
            AssertHeaders(first, limit: 60, burst: 100, remaining: 99, secondsUntilFull: 1);
        }

        var patched = await api2.Patch($"/dashboard/clients/{clientId}", new { tier = "free" });
        Assert.True(patched.Code == 200, patched.ToString());

        foreach (var key in new[] { clientKey, instanceKey })
        {
            var next = await api1.Get("/api/v1/auth/whoami", key);
            AssertHeaders(next, limit: 60, burst: 10, remaining: 9, secondsUntilFull: 1);
            Assert.Equal((9, 1), await CountAsync(api2, key, 10));
        }
    }

    [Fact]
    public async Task Changing_only_the_enterprise_limits_applies_to_existing_keys_on_their_next_request()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = 120, burst = 30 });
        var instanceKey = await scenario.CreateInstanceKeyAsync(await scenario.CreateInstanceAsync(clientId));
        AssertHeaders(await api1.Get("/api/v1/auth/whoami", instanceKey), limit: 120, burst: 30, remaining: 29, secondsUntilFull: 1);

        var patched = await api1.Patch($"/dashboard/clients/{clientId}", new { burst = 5 });
        Assert.True(patched.Code == 200, patched.ToString());

        AssertHeaders(await api2.Get("/api/v1/auth/whoami", instanceKey), limit: 120, burst: 5, remaining: 4, secondsUntilFull: 1);
        Assert.Equal((4, 1), await CountAsync(api1, instanceKey, 5));
    }

    private async Task<(string ClientId, string Key)> NewClientKeyAsync()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        return (clientId, await scenario.CreateClientKeyAsync(clientId));
    }

    /// <summary>Sends <paramref name="count"/> whoami calls one after another; (admitted, rejected), every status being one of the two.</summary>
    private static async Task<(int Admitted, int Rejected)> CountAsync(ApiCaller api, string key, int count)
    {
        var codes = new List<int>();
        for (var i = 0; i < count; i++)
            codes.Add((await api.Get("/api/v1/auth/whoami", key)).Code);
        Assert.All(codes, c => Assert.Contains(c, new[] { 200, 429 }));
        return (codes.Count(c => c == 200), codes.Count(c => c == 429));
    }

    private async Task<(int Admitted, int Rejected)> CountConcurrentlyAsync(string key, int count)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => (i % 2 == 0 ? api1 : api2).Get("/api/v1/auth/whoami", key)));
        Assert.All(responses, r => Assert.Contains(r.Code, new[] { 200, 429 }));
        return (responses.Count(r => r.Code == 200), responses.Count(r => r.Code == 429));
    }

    private static void AssertNoRateLimitHeaders(ApiResponse response)
    {
        Assert.Null(response.Header("X-RateLimit-Limit"));
        Assert.Null(response.Header("X-RateLimit-Remaining"));
        Assert.Null(response.Header("X-RateLimit-Reset"));
        Assert.Null(response.Header("RateLimit"));
        Assert.Null(response.Header("RateLimit-Policy"));
    }

    /// <summary>All five headers of API.md §3, as the stopped clock makes them exact.</summary>
    private void AssertHeaders(ApiResponse response, int limit, int burst, int remaining, int secondsUntilFull)
    {
        var secondsToFill = (int)Math.Ceiling(burst * 60.0 / limit);
        Assert.Equal(limit.ToString(CultureInfo.InvariantCulture), response.Header("X-RateLimit-Limit"));
        Assert.Equal(remaining.ToString(CultureInfo.InvariantCulture), response.Header("X-RateLimit-Remaining"));
        Assert.Equal((Unix + secondsUntilFull).ToString(CultureInfo.InvariantCulture), response.Header("X-RateLimit-Reset"));
        Assert.Equal($"\"burst\";q={burst};w={secondsToFill}", response.Header("RateLimit-Policy"));
        Assert.Equal($"\"burst\";r={remaining};t={secondsUntilFull}", response.Header("RateLimit"));
    }
}
