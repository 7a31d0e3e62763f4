using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Synap.Grains.Credentials;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Storage;
using Synap.Grains.Usage;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;

namespace Synap.Tests.Faults;

/// <summary>
/// What an activation starts: nothing for an id that does not exist (hostile traffic activates those), usage kept
/// apart from the grain's own state, and state stored before usage moved still read in full.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class GrainActivationTests(FaultInjectionClusterFixture fixture)
{
    private readonly ApiCaller api = fixture.Api.Caller();

    [Fact]
    public async Task Client_and_instance_ids_that_do_not_exist_activate_without_timers()
    {
        var client = fixture.Grains.GetGrain<IClientGrain>($"cli_{Guid.NewGuid():N}"[..20]);
        var instance = fixture.Grains.GetGrain<IInstanceGrain>($"inst_{Guid.NewGuid():N}"[..21]);

        Assert.Equal("INVALID_API_KEY", (await client.AuthorizeKey("cred_000000000000", new string('0', 64))).Error?.Code);
        Assert.Equal("INVALID_API_KEY", (await instance.AuthorizeKey("cred_000000000000", new string('0', 64))).Error?.Code);

        Assert.Equal(0, TimerRegistrations.Of(client));
        Assert.Equal(0, TimerRegistrations.Of(instance));
    }

    [Fact]
    public async Task Created_clients_and_instances_keep_their_timers()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var instanceId = await new Scenario(api).CreateInstanceAsync(clientId);

        Assert.True(TimerRegistrations.Of(fixture.Grains.GetGrain<IClientGrain>(clientId)) > 0);
        Assert.True(TimerRegistrations.Of(fixture.Grains.GetGrain<IInstanceGrain>(instanceId)) > 0);
    }

    [Fact]
    public async Task The_usage_flush_writes_only_the_usage_state()
    {
        var scenario = new Scenario(api);
        var clientId = await scenario.CreateUnthrottledClientAsync();
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        var key = await scenario.CreateInstanceKeyAsync(instanceId);
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);
        var ownWrites = StorageFaults.WritesOf("instance", instance);

        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await api.Get($"/dashboard/instances/{instanceId}", key)).Code);

        await BoundedWait.UntilAsync("the usage flush", UsageFlush.Period * 4,
            () => Task.FromResult(StorageFaults.WritesOf("instance-usage", instance)), writes => writes > 0);
        Assert.Equal(ownWrites, StorageFaults.WritesOf("instance", instance));
        Assert.Equal(5, (await api.Get($"/dashboard/instances/{instanceId}")).Json.GetProperty("api_calls_24h").GetInt64());
    }

    [Fact]
    public async Task Usage_stored_in_the_instance_state_before_it_moved_is_still_read()
    {
        var clientId = await new Scenario(api).CreateClientAsync();
        var instanceId = $"inst_{Guid.NewGuid():N}"[..21];
        var now = DateTimeOffset.UtcNow;
        var lastActive = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() - 60);
        var legacy = new InstanceState
        {
            Detail = new InstanceDetail(instanceId, Scenario.UniqueName("legacy"), InstanceStatus.Provisioning, "support", ConfigStatus.Pending,
                lastActive, lastActive, clientId, null, new Dictionary<string, string>(), null, InstanceStatus.Provisioning, 0, 0, lastActive),
            Keys = [new CredentialRecord { CredentialId = "cred_legacy000001", Label = "old", KeyHash = new string('a', 64), MaskedKey = "synap_...aa",
                CreatedAt = lastActive, LastUsedAt = lastActive }],
        };
        legacy.ApiCalls.Add(now, 7);
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);
        await storage.WriteStateAsync("instance", fixture.Grains.GetGrain<IInstanceGrain>(instanceId).GetGrainId(), new GrainState<InstanceState>(legacy));

        var detail = await api.Get($"/dashboard/instances/{instanceId}");
        var keys = await api.Get($"/dashboard/instances/{instanceId}/api-keys");

        Assert.True(detail.Code == 200, detail.ToString());
        Assert.Equal(7, detail.Json.GetProperty("api_calls_24h").GetInt64());
        Assert.Equal(lastActive, DateTimeOffset.Parse(detail.Str("last_active_at"), CultureInfo.InvariantCulture));
        Assert.Equal(lastActive, DateTimeOffset.Parse(keys.Json[0].GetProperty("last_used_at").GetString()!, CultureInfo.InvariantCulture));
    }
}
