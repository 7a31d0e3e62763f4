using System.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Cluster;

/// <summary>Two silos form one cluster through the PostgreSQL membership table, share the work, and cover for each other.</summary>
[Collection(PostgresRestartCollection.Name)]
public sealed class TwoSiloClusterTests(PostgresRestartFixture fixture, ITestOutputHelper output)
{
    private const int ActiveStatus = (int)SiloStatus.Active;
    private const int PlacementBatch = 8;
    private const int MaxPlacementBatches = 12;

    [Fact]
    public async Task Both_silos_are_active_in_the_postgres_membership_table()
    {
        await fixture.TwoActiveSilosAsync();
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToList();

        var hosts = await fixture.Management.GetHosts(onlyActive: true);
        Assert.Equal(silos.ToHashSet(), hosts.Keys.ToHashSet());
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Address, Port, Generation FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = @active", connection);
        command.Parameters.AddWithValue("cluster", fixture.Options.ClusterId);
        command.Parameters.AddWithValue("active", ActiveStatus);
        var rows = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add($"{reader.GetString(0)}:{reader.GetInt32(1)}@{reader.GetInt32(2)}");
        Assert.Equal(silos.Select(s => $"{s.Endpoint.Address}:{s.Endpoint.Port}@{s.Generation}").ToHashSet(), rows);
    }

    [Fact]
    public async Task Grains_are_placed_on_both_silos()
    {
        await fixture.TwoActiveSilosAsync();
        var api = fixture.Api.Caller();
        var scenario = new Scenario(api);
        var clientId = await scenario.CreateClientAsync();
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToHashSet();

        // Orleans' default placement weighs each silo's load and prefers the caller's silo while loads are close,
        // so the second silo's first activations come after a few; a bounded number of creates must reach it.
        var placements = new Dictionary<SiloAddress, int>();
        for (var batch = 0; batch < MaxPlacementBatches && placements.Count < silos.Count; batch++)
        {
            var created = await Task.WhenAll(Enumerable.Range(0, PlacementBatch).Select(_ => scenario.CreateInstanceAsync(clientId)));
            foreach (var id in created)
            {
                var silo = await fixture.Management.GetActivationAddress(fixture.Cluster.GrainFactory.GetGrain<IInstanceGrain>(id));
                Assert.NotNull(silo);
                placements[silo] = placements.GetValueOrDefault(silo) + 1;
            }
        }
        output.WriteLine(string.Join(", ", placements.Select(p => $"{p.Key}: {p.Value} instances")));

        Assert.Equal(silos, placements.Keys.ToHashSet());
    }

    [Fact]
    public async Task The_api_node_keeps_serving_after_a_silo_stops_gracefully()
    {
        await fixture.TwoActiveSilosAsync();
        var api = fixture.Api.Caller();
        var tenant = await PersistedTenant.CreateAsync(api);
        var host = await fixture.Management.GetActivationAddress(fixture.Cluster.GrainFactory.GetGrain<IClientGrain>(tenant.ClientId));
        var stopping = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));

        var watch = Stopwatch.StartNew();
        await fixture.Cluster.StopSiloAsync(stopping);
        output.WriteLine($"stopped {stopping.SiloAddress} (host of the tenant's client grain) in {watch.ElapsedMilliseconds} ms");

        // A graceful stop hands over at once: no request may fail, so there is no waiting here.
        await tenant.AssertIntactAsync(api);
        var scenario = new Scenario(api);
        var clientId = await scenario.CreateClientAsync();
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        Assert.Equal(200, (await api.Get($"/dashboard/instances/{instanceId}")).Code);

        var survivor = Assert.Single(fixture.Cluster.Silos).SiloAddress;
        await BoundedWait.UntilAsync("only the survivor active in the membership", TimeSpan.FromSeconds(30),
            () => fixture.Management.GetHosts(onlyActive: true),
            hosts => hosts.Count == 1 && hosts.ContainsKey(survivor),
            hosts => string.Join(", ", hosts.Select(h => $"{h.Key}={h.Value}")));
    }
}
