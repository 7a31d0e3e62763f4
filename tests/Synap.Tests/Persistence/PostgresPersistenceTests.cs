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
        var api = fixture.Api.Caller();
        var tenant = await PersistedTenant.CreateAsync(api);
        var suspended = await PersistedTenant.CreateAsync(api);
        await suspended.DeactivateClientAsync(api);

        var watch = Stopwatch.StartNew();
        await fixture.RestartAllAsync();
        output.WriteLine($"stopped every silo and the API node, started a new cluster and API node in {watch.ElapsedMilliseconds} ms");

        var restarted = fixture.Api.Caller();
        await tenant.AssertIntactAsync(restarted);
        await suspended.AssertIntactAsync(restarted);
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

        // Until the survivor has taken over, a request may fail, but only as an outage the caller can retry.
        var seen = new List<ApiResponse>();
        await BoundedWait.UntilAsync("every tenant served through the survivor", TimeSpan.FromSeconds(90), async () =>
        {
            var reads = new List<ApiResponse>();
            foreach (var tenant in tenants)
            {
                reads.Add(await api.Get($"/dashboard/clients/{tenant.ClientId}"));
                reads.Add(await api.Get($"/dashboard/instances/{tenant.InstanceId}"));
            }
            seen.AddRange(reads);
            return reads;
        }, reads => reads.All(r => r.Code == 200), reads => string.Join("; ", reads.Where(r => r.Code != 200).Select(r => r.ToString()).Distinct()));
        output.WriteLine($"every tenant served again {watch.ElapsedMilliseconds} ms after the kill; {seen.Count(r => r.Code != 200)} of {seen.Count} reads failed meanwhile");
        Assert.All(seen.Where(r => r.Code != 200), r =>
            Assert.True(r.Code == 503 && r.ErrorCode == "SERVICE_UNAVAILABLE" && r.Header("Retry-After") is not null, r.ToString()));

        await BoundedWait.UntilAsync("the killed silo declared dead in the membership", TimeSpan.FromSeconds(60),
            () => fixture.Management.GetHosts(onlyActive: false),
            all => all.TryGetValue(victimAddress, out var status) && status == SiloStatus.Dead,
            all => string.Join(", ", all.Select(h => $"{h.Key}={h.Value}")));
        output.WriteLine($"killed silo declared dead {watch.ElapsedMilliseconds} ms after the kill");

        foreach (var tenant in tenants)
            await tenant.AssertIntactAsync(api);
        var survivor = Assert.Single(fixture.Cluster.Silos).SiloAddress;
        Assert.Equal(survivor, await HostOf(fixture.Cluster.GrainFactory.GetGrain<IInstanceGrain>(tenants[0].InstanceId)));
    }

    private async Task<SiloAddress> HostOf(IAddressable grain) =>
        (await BoundedWait.UntilAsync<SiloAddress?>($"the silo of {grain}", TimeSpan.FromSeconds(10),
            () => fixture.Management.GetActivationAddress(grain).AsTask(), silo => silo is not null))!;
}
