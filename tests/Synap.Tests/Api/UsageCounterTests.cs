using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Synap.Grains.Clients;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Usage;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §3 and §5: instance-key calls count toward <c>api_calls_24h</c> and set <c>last_active_at</c>; key use sets
/// <c>last_used_at</c>. Counted in memory, written by a timer every <see cref="UsageFlush.Period"/>.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class UsageCounterTests(FakeClockClusterFixture fixture)
{
    private readonly ApiCaller api1 = fixture.Api1.Caller();
    private readonly ApiCaller api2 = fixture.Api2.Caller();

    [Fact]
    public async Task Instance_key_calls_are_counted_and_admin_reads_are_not()
    {
        var (_, instanceId, key) = await NewInstanceWithKeyAsync();
        var unused = await new Scenario(api1).CreateInstanceKeyAsync(instanceId);
        var fresh = await api1.Get($"/dashboard/instances/{instanceId}");
        Assert.Equal(0, fresh.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(JsonValueKind.Null, fresh.Json.GetProperty("last_active_at").ValueKind);

        Assert.Equal(200, (await api1.Get($"/dashboard/instances/{instanceId}", key)).Code);
        Assert.Equal(200, (await api2.Get("/api/v1/auth/whoami", key)).Code);
        Assert.Equal(200, (await api2.Get($"/dashboard/instances/{instanceId}", key)).Code);
        var detail = await api1.Get($"/dashboard/instances/{instanceId}");
        var again = await api2.Get($"/dashboard/instances/{instanceId}");

        Assert.Equal(3, detail.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(fixture.Now, Time(detail.Str("last_active_at")));
        Assert.Equal(3, again.Json.GetProperty("api_calls_24h").GetInt64());
        var keys = (await api1.Get($"/dashboard/instances/{instanceId}/api-keys")).Json.EnumerateArray().ToList();
        Assert.Equal(fixture.Now, Time(LastUsed(keys, key)!));
        Assert.Null(LastUsed(keys, unused));
    }

    [Fact]
    public async Task Rejected_requests_are_not_counted()
    {
        var (_, instanceId, key) = await NewInstanceWithKeyAsync();

        var codes = new List<int>();
        for (var i = 0; i < 13; i++)
            codes.Add((await api1.Get($"/dashboard/instances/{instanceId}", key)).Code);

        Assert.Equal(3, codes.Count(c => c == 429));
        Assert.Equal(10, (await api1.Get($"/dashboard/instances/{instanceId}")).Json.GetProperty("api_calls_24h").GetInt64());
    }

    [Fact]
    public async Task Calls_older_than_24_hours_drop_out_of_api_calls_24h()
    {
        var (_, instanceId, key) = await NewInstanceWithKeyAsync();
        await CallAsync(instanceId, key, 4);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await CallAsync(instanceId, key, 2);
        var lastCall = fixture.Now;

        Assert.Equal(6, await ApiCalls24hAsync(instanceId));
        fixture.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(2, await ApiCalls24hAsync(instanceId));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await ApiCalls24hAsync(instanceId));

        var detail = await api1.Get($"/dashboard/instances/{instanceId}");
        Assert.Equal(lastCall, Time(detail.Str("last_active_at")));
    }

    [Fact]
    public async Task Usage_is_written_by_the_flush_timer_and_survives_deactivation()
    {
        var (clientId, instanceId, key) = await NewInstanceWithKeyAsync();
        var clientKey = await new Scenario(api1).CreateClientKeyAsync(clientId);
        await CallAsync(instanceId, key, 4);
        Assert.Equal(200, (await api2.Get($"/dashboard/clients/{clientId}", clientKey)).Code);
        var usedAt = fixture.Now;
        var instanceGrain = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);
        var clientGrain = fixture.Grains.GetGrain<IClientGrain>(clientId);

        // No command writes these grains after the calls: only the flush timer can put the usage in storage, and it
        // writes the small usage states, not the instance's or the client's own.
        var deadline = UsageFlush.Period * 4;
        var stored = await PollAsync(() => fixture.ReadStoredStateAsync<UsageState>(instanceGrain, "instance-usage"),
            s => s.ApiCalls.Last24Hours(usedAt) == 4, deadline, "the instance's usage in storage");
        Assert.Equal(usedAt, stored.LastActiveAt);
        Assert.Equal(usedAt, Assert.Single(stored.KeysLastUsedAt).Value);
        var storedClientUsage = await PollAsync(() => fixture.ReadStoredStateAsync<UsageState>(clientGrain, "client-usage"),
            s => s.KeysLastUsedAt.Count == 1 && s.KeysLastUsedAt.Values.All(used => used == usedAt),
            deadline, "the client key's last_used_at in the client's usage storage");
        Assert.Single(storedClientUsage.KeysLastUsedAt);
        await PollAsync(() => fixture.ReadStoredStateAsync<ClientState>(clientGrain, "client"),
            s => s.Instances[instanceId].Summary.LastActiveAt == usedAt,
            deadline, "the instance's last_active_at in the client's listing");
        var instanceState = await fixture.ReadStoredStateAsync<InstanceState>(instanceGrain, "instance");
        Assert.Equal(0, instanceState.ApiCalls.Last24Hours(usedAt));
        Assert.Null(instanceState.Detail!.LastActiveAt);

        await DeactivateAsync(instanceGrain);
        await DeactivateAsync(clientGrain);

        var detail = await api1.Get($"/dashboard/instances/{instanceId}");
        Assert.Equal(4, detail.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(usedAt, Time(detail.Str("last_active_at")));
        var instanceKeys = (await api2.Get($"/dashboard/instances/{instanceId}/api-keys")).Json.EnumerateArray().ToList();
        Assert.Equal(usedAt, Time(LastUsed(instanceKeys, key)!));
        var clientKeys = (await api2.Get($"/dashboard/clients/{clientId}/api-keys")).Json.EnumerateArray().ToList();
        Assert.Equal(usedAt, Time(LastUsed(clientKeys, clientKey)!));
        var listing = await api1.Get($"/dashboard/instances?client_id={clientId}");
        Assert.Equal(usedAt, Time(listing.Json.GetProperty("data")[0].GetProperty("last_active_at").GetString()!));
    }

    [Fact]
    public async Task A_refused_rename_keeps_the_usage_not_yet_written()
    {
        var (clientId, instanceId, key) = await NewInstanceWithKeyAsync();
        var sibling = await new Scenario(api1).CreateInstanceAsync(clientId);
        var siblingName = (await api1.Get($"/dashboard/instances/{sibling}")).Str("name");
        await CallAsync(instanceId, key, 5);

        var refused = await api1.Patch($"/dashboard/instances/{instanceId}", new { name = siblingName });

        Assert.Equal(409, refused.Code);
        Assert.Equal("NAME_CONFLICT", refused.ErrorCode);
        await AssertUsageAsync(instanceId, key, calls: 5);
    }

    [Fact]
    public async Task A_refused_archive_keeps_the_keys_and_the_usage_not_yet_written()
    {
        var (clientId, instanceId, key) = await NewInstanceWithKeyAsync();
        await new Scenario(api1).CreateInstanceAsync(clientId, parentId: instanceId);
        await CallAsync(instanceId, key, 3);

        var refused = await api1.Delete($"/dashboard/instances/{instanceId}");

        Assert.Equal(409, refused.Code);
        Assert.Equal("HAS_CHILDREN", refused.ErrorCode);
        await AssertUsageAsync(instanceId, key, calls: 3);
        Assert.Equal(200, (await api2.Get($"/dashboard/instances/{instanceId}", key)).Code);
    }

    private async Task AssertUsageAsync(string instanceId, string key, int calls)
    {
        var detail = await api1.Get($"/dashboard/instances/{instanceId}");
        Assert.Equal(calls, detail.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(fixture.Now, Time(detail.Str("last_active_at")));
        var keys = (await api1.Get($"/dashboard/instances/{instanceId}/api-keys")).Json.EnumerateArray().ToList();
        Assert.Equal(fixture.Now, Time(LastUsed(keys, key)!));
    }

    private async Task<(string ClientId, string InstanceId, string Key)> NewInstanceWithKeyAsync()
    {
        var scenario = new Scenario(api1);
        var clientId = await scenario.CreateClientAsync();
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        return (clientId, instanceId, await scenario.CreateInstanceKeyAsync(instanceId));
    }

    private async Task CallAsync(string instanceId, string key, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await (i % 2 == 0 ? api1 : api2).Get($"/dashboard/instances/{instanceId}", key);
            Assert.True(response.Code == 200, response.ToString());
        }
    }

    private async Task<long> ApiCalls24hAsync(string instanceId) =>
        (await api1.Get($"/dashboard/instances/{instanceId}")).Json.GetProperty("api_calls_24h").GetInt64();

    /// <summary>The <c>last_used_at</c> of a key in a key list, found by its masked form (API.md §2).</summary>
    private static string? LastUsed(IEnumerable<JsonElement> keys, string apiKey) =>
        keys.Single(k => k.GetProperty("masked_key").GetString() == $"{apiKey[..10]}...{apiKey[^2..]}")
            .GetProperty("last_used_at").GetString();

    private async Task DeactivateAsync(IAddressable grain)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await PollAsync(() => management.GetGrainActivationCount((GrainReference)grain), count => count == 0,
            TimeSpan.FromSeconds(10), $"deactivation of {grain.GetGrainId()}");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (elapsed.Elapsed > timeout)
                Assert.Fail($"{what} not seen within {timeout.TotalSeconds} s");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
