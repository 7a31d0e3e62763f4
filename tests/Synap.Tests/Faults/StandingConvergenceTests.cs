using Synap.Grains.Clients;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;

namespace Synap.Tests.Faults;

/// <summary>
/// API.md §4: suspending a client refuses every one of its instances' keys, even when the push to an instance is
/// lost: the instance re-reads its client's standing within <see cref="FaultInjectionClusterFixture.StandingRefresh"/>,
/// and a retried PATCH pushes again.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class StandingConvergenceTests(FaultInjectionClusterFixture fixture)
{
    private readonly ApiCaller api = fixture.Api.Caller();

    [Fact]
    public async Task An_instance_that_missed_the_suspension_push_refuses_its_keys_within_the_refresh_period()
    {
        var (clientId, missed, reached) = await NewTenantAsync();
        using var lost = GrainCallFaults.FailCalls(fixture.Grains.GetGrain<IInstanceGrain>(missed.Id), nameof(IInstanceMembership.OnClientStandingChanged));

        var suspended = await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" });

        Assert.True(suspended.Code == 200, suspended.ToString());
        Assert.Equal("CLIENT_INACTIVE", (await api.Get($"/dashboard/instances/{reached.Id}", reached.Key)).ErrorCode);
        Assert.True(GrainCallFaults.Failed(fixture.Grains.GetGrain<IInstanceGrain>(missed.Id), nameof(IInstanceMembership.OnClientStandingChanged)) > 0);
        await BoundedWait.UntilAsync("the instance that missed the push refuses its key", FaultInjectionClusterFixture.StandingRefresh * 5,
            () => api.Get($"/dashboard/instances/{missed.Id}", missed.Key), r => r.ErrorCode == "CLIENT_INACTIVE", r => r.ToString());
    }

    [Fact]
    public async Task A_retried_suspension_pushes_again_to_an_instance_that_missed_it()
    {
        var (clientId, missed, _) = await NewTenantAsync();
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(missed.Id);
        // The client cannot be read either, so only a push can tell the instance.
        using var unreadable = GrainCallFaults.FailCalls(fixture.Grains.GetGrain<IClientMembership>(clientId), nameof(IClientMembership.GetStanding));
        using (GrainCallFaults.FailCalls(instance, nameof(IInstanceMembership.OnClientStandingChanged)))
        {
            Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" })).Code);
            Assert.Equal(200, (await api.Get($"/dashboard/instances/{missed.Id}", missed.Key)).Code);
        }

        var retried = await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" });

        Assert.True(retried.Code == 200, retried.ToString());
        Assert.Equal("CLIENT_INACTIVE", (await api.Get($"/dashboard/instances/{missed.Id}", missed.Key)).ErrorCode);
    }

    [Fact]
    public async Task An_older_standing_never_replaces_a_newer_one()
    {
        var (clientId, instance, _) = await NewTenantAsync();
        Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { status = "inactive" })).Code);
        Assert.Equal(200, (await api.Patch($"/dashboard/clients/{clientId}", new { status = "active" })).Code);

        // A push that was delayed behind the two changes arrives last.
        var stale = new ClientStanding(ClientStatus.Inactive, ClientTier.Free, new(60, 10)) { Version = 1 };
        await fixture.Grains.GetGrain<IInstanceMembership>(instance.Id).OnClientStandingChanged(stale);

        Assert.Equal(200, (await api.Get($"/dashboard/instances/{instance.Id}", instance.Key)).Code);
    }

    /// <summary>A client with two instances whose keys have been used, so both instances are active in the silo.</summary>
    private async Task<(string ClientId, (string Id, string Key) First, (string Id, string Key) Second)> NewTenantAsync()
    {
        var scenario = new Scenario(api);
        var clientId = await scenario.CreateUnthrottledClientAsync();
        var instances = new List<(string Id, string Key)>();
        for (var i = 0; i < 2; i++)
        {
            var id = await scenario.CreateInstanceAsync(clientId);
            var key = await scenario.CreateInstanceKeyAsync(id);
            Assert.Equal(200, (await api.Get($"/dashboard/instances/{id}", key)).Code);
            instances.Add((id, key));
        }
        return (clientId, instances[0], instances[1]);
    }
}
