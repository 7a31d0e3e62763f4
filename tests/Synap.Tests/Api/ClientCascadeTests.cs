using System.Diagnostics;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Instances;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §2 and §4: while a client is inactive or soft-deleted its keys and its instances' keys are refused with
/// 403 CLIENT_INACTIVE and its instances read as suspended; reactivating restores them with their own status.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientCascadeTests(ClusterFixture cluster)
{
    private readonly ApiCaller api1 = cluster.Api1.Caller();
    private readonly ApiCaller api2 = cluster.Api2.Caller();

    [Fact]
    public async Task An_inactive_client_refuses_its_keys_and_suspends_its_instances_until_it_is_active_again()
    {
        var tenant = await NewTenantAsync();
        await tenant.AssertWorksAsync(api1, api2);

        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "inactive" })).Code);

        await tenant.AssertRefusedAsync(api2, api1, "inactive");
        await tenant.AssertEffectiveStatusAsync(api2, suspended: true);

        Assert.Equal(200, (await api2.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "active" })).Code);

        await tenant.AssertWorksAsync(api1, api2);
        await tenant.AssertEffectiveStatusAsync(api1, suspended: false);
    }

    [Fact]
    public async Task A_soft_deleted_client_refuses_its_keys_and_suspends_its_instances_until_it_is_restored()
    {
        var tenant = await NewTenantAsync();
        await tenant.AssertWorksAsync(api1, api2);

        Assert.Equal(200, (await api2.Delete($"/dashboard/clients/{tenant.ClientId}")).Code);

        await tenant.AssertRefusedAsync(api1, api2, "soft_deleted");
        await tenant.AssertEffectiveStatusAsync(api1, suspended: true);

        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "active" })).Code);

        await tenant.AssertWorksAsync(api2, api1);
        await tenant.AssertEffectiveStatusAsync(api2, suspended: false);
    }

    [Fact]
    public async Task An_instance_activated_while_its_client_is_inactive_is_suspended_too()
    {
        var tenant = await NewTenantAsync();
        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "inactive" })).Code);

        await DeactivateAsync(tenant.Instances.Select(i => cluster.Grains.GetGrain<IInstanceGrain>(i.Id))
            .Append<IAddressable>(cluster.Grains.GetGrain<IClientGrain>(tenant.ClientId)));

        await tenant.AssertEffectiveStatusAsync(api1, suspended: true);
        await tenant.AssertRefusedAsync(api1, api2, "inactive");

        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "active" })).Code);
        await tenant.AssertWorksAsync(api2, api1);
        await tenant.AssertEffectiveStatusAsync(api2, suspended: false);
    }

    [Fact]
    public async Task The_admin_key_still_reads_and_manages_an_inactive_clients_instances()
    {
        var tenant = await NewTenantAsync();
        Assert.Equal(200, (await api1.Patch($"/dashboard/clients/{tenant.ClientId}", new { status = "inactive" })).Code);

        var client = await api2.Get($"/dashboard/clients/{tenant.ClientId}");
        var key = await api2.Post($"/dashboard/instances/{tenant.Instances[0].Id}/api-keys", new { label = "later" });

        Assert.Equal(200, client.Code);
        Assert.Equal("inactive", client.Str("status"));
        Assert.Equal(201, key.Code);
        Assert.Equal("CLIENT_INACTIVE", (await api1.Get($"/dashboard/instances/{tenant.Instances[0].Id}", key.Str("api_key"))).ErrorCode);
    }

    /// <summary>
    /// An enterprise client with a client key and three instances in different states of their own: active (initialized),
    /// inactive, and provisioning, each with its own key. Instance grains land on either silo.
    /// </summary>
    private async Task<Tenant> NewTenantAsync()
    {
        var scenario = new Scenario(api1);
        // Limits high enough that the bucket never interferes with what these tests look at.
        var clientId = await scenario.CreateClientAsync(new { name = Scenario.UniqueName(), tier = "enterprise", rate_limit_per_minute = 6000, burst = 1000 });
        var clientKey = await scenario.CreateClientKeyAsync(clientId);

        var active = await scenario.CreateInstanceAsync(clientId);
        await scenario.InitAsync(active);
        var inactive = await scenario.CreateInstanceAsync(clientId);
        await scenario.InitAsync(inactive);
        Assert.Equal(200, (await api1.Patch($"/dashboard/instances/{inactive}", new { status = "inactive" })).Code);
        var provisioning = await scenario.CreateInstanceAsync(clientId);

        var instances = new List<(string Id, string Status, string Key)>();
        foreach (var (id, status) in new[] { (active, "active"), (inactive, "inactive"), (provisioning, "provisioning") })
            instances.Add((id, status, await scenario.CreateInstanceKeyAsync(id)));
        return new Tenant(clientId, clientKey, instances);
    }

    private async Task DeactivateAsync(IEnumerable<IAddressable> grains)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var elapsed = Stopwatch.StartNew();
        foreach (var grain in grains)
        {
            while (await management.GetGrainActivationCount((GrainReference)grain) > 0)
            {
                Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"{grain.GetGrainId()} is still active");
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private sealed record Tenant(string ClientId, string ClientKey, List<(string Id, string Status, string Key)> Instances)
    {
        public async Task AssertWorksAsync(ApiCaller first, ApiCaller second)
        {
            foreach (var api in new[] { first, second })
            {
                Assert.Equal(200, (await api.Get($"/dashboard/clients/{ClientId}", ClientKey)).Code);
                Assert.Equal(200, (await api.Get("/api/v1/auth/whoami", ClientKey)).Code);
                foreach (var instance in Instances)
                {
                    var read = await api.Get($"/dashboard/instances/{instance.Id}", instance.Key);
                    Assert.True(read.Code == 200, read.ToString());
                    Assert.Equal(200, (await api.Get($"/dashboard/instances/{instance.Id}", ClientKey)).Code);
                }
            }
        }

        public async Task AssertRefusedAsync(ApiCaller first, ApiCaller second, string clientStatus)
        {
            foreach (var api in new[] { first, second })
            {
                AssertClientInactive(await api.Get($"/dashboard/clients/{ClientId}", ClientKey), clientStatus);
                AssertClientInactive(await api.Get("/api/v1/auth/whoami", ClientKey), clientStatus);
                foreach (var instance in Instances)
                {
                    AssertClientInactive(await api.Get($"/dashboard/instances/{instance.Id}", instance.Key), clientStatus);
                    AssertClientInactive(await api.Get("/api/v1/auth/whoami", instance.Key), clientStatus);
                    AssertClientInactive(await api.Get($"/dashboard/instances/{instance.Id}", ClientKey), clientStatus);
                }
            }
        }

        /// <summary>Read with the admin key: the instance's own status never changes, only its effective status.</summary>
        public async Task AssertEffectiveStatusAsync(ApiCaller api, bool suspended)
        {
            foreach (var instance in Instances)
            {
                var detail = await api.Get($"/dashboard/instances/{instance.Id}");
                Assert.Equal(200, detail.Code);
                Assert.Equal(instance.Status, detail.Str("status"));
                Assert.Equal(suspended ? "suspended" : instance.Status, detail.Str("effective_status"));
            }
            var listing = await api.Get($"/dashboard/instances?client_id={ClientId}");
            Assert.Equal(200, listing.Code);
            Assert.Equal(
                Instances.Select(i => (i.Id, i.Status)).OrderBy(i => i.Id, StringComparer.Ordinal),
                listing.Json.GetProperty("data").EnumerateArray()
                    .Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("status").GetString()!)).OrderBy(i => i.Item1, StringComparer.Ordinal));
        }

        private static void AssertClientInactive(ApiResponse response, string clientStatus)
        {
            Assert.True(response.Code == 403, response.ToString());
            Assert.Equal("CLIENT_INACTIVE", response.ErrorCode);
            Assert.Equal(clientStatus, response.Json.GetProperty("details").GetProperty("status").GetString());
        }
    }
}
