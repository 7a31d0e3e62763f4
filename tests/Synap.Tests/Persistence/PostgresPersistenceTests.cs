using System.Diagnostics;
using Orleans.Runtime;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Persistence;

/// <summary>State lives in PostgreSQL, not in silo memory: it survives every silo going away, stopped or killed.</summary>
[Collection(PostgresRestartCollection.Name)]
public sealed class PostgresPersistenceTests(PostgresRestartFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_entity_reads_back_the_same_after_all_silos_and_the_api_node_restart()
    {
        await fixture.TwoActiveSilosAsync();
        var tenant = await PersistedTenant.CreateAsync(fixture.Api.Caller());

        var watch = Stopwatch.StartNew();
        await fixture.RestartAllAsync();
        output.WriteLine($"stopped every silo and the API node, started a new cluster and API node in {watch.ElapsedMilliseconds} ms");

        await tenant.AssertIntactAsync(fixture.Api.Caller());
    }

    [Fact]
    public async Task The_surviving_silo_serves_every_entity_after_the_other_silo_is_killed()
    {
        await fixture.TwoActiveSilosAsync();
        var api = fixture.Api.Caller();
        var tenants = new List<PersistedTenant>();
        for (var i = 0; i < 4; i++)
            tenants.Add(await PersistedTenant.CreateAsync(api));

        // Kill the silo that holds the most of these tenants' grains, so the survivor must reload them from PostgreSQL.
        var hosts = new List<SiloAddress>();
        foreach (var tenant in tenants)
        {
            hosts.Add(await HostOf(fixture.Cluster.GrainFactory.GetGrain<IClientGrain>(tenant.ClientId)));
            hosts.Add(await HostOf(fixture.Cluster.GrainFactory.GetGrain<IInstanceGrain>(tenant.InstanceId)));
        }
        var victimAddress = hosts.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        var victim = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(victimAddress));
        output.WriteLine($"killing {victimAddress}, host of {hosts.Count(h => h.Equals(victimAddress))} of {hosts.Count} tenant grains");

        var watch = Stopwatch.StartNew();
        await fixture.Cluster.KillSiloAsync(victim);

        await BoundedWait.UntilAsync("the killed silo declared dead", TimeSpan.FromSeconds(60),
            () => fixture.Management.GetHosts(onlyActive: false),
            all => all.TryGetValue(victimAddress, out var status) && status == SiloStatus.Dead,
            all => string.Join(", ", all.Select(h => $"{h.Key}={h.Value}")));
        output.WriteLine($"killed silo declared dead after {watch.ElapsedMilliseconds} ms");

        await BoundedWait.UntilAsync("the API node serving through the survivor", TimeSpan.FromSeconds(30),
            () => api.Get($"/dashboard/clients/{tenants[0].ClientId}"), r => r.Code == 200);
        output.WriteLine($"API node serving again after {watch.ElapsedMilliseconds} ms");

        foreach (var tenant in tenants)
            await tenant.AssertIntactAsync(api);
        var survivor = Assert.Single(fixture.Cluster.Silos).SiloAddress;
        Assert.Equal(survivor, await HostOf(fixture.Cluster.GrainFactory.GetGrain<IInstanceGrain>(tenants[0].InstanceId)));
    }

    private async Task<SiloAddress> HostOf(IAddressable grain) =>
        (await BoundedWait.UntilAsync<SiloAddress?>($"the silo of {grain}", TimeSpan.FromSeconds(10),
            () => fixture.Management.GetActivationAddress(grain).AsTask(), silo => silo is not null))!;
}
