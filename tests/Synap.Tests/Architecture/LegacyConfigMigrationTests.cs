using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Storage;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Architecture;

/// <summary>Instances initialized before the config history existed kept their versions in the instance's state: they keep working.</summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class LegacyConfigMigrationTests(FaultInjectionClusterFixture fixture)
{
    private const string LegacyYaml = "memory:\n  legacy: true\n";

    private readonly ConfigSteps steps = new(fixture.Api.Caller());

    [Fact]
    public async Task Versions_stored_in_the_old_instance_state_are_read_proposed_on_and_kept()
    {
        var tenant = await steps.Instances.NewTenantAsync();
        var id = await steps.Instances.CreateInstanceAsync(tenant.ClientId);
        var legacy = await WriteLegacyInitAsync(id);

        var active = await steps.ActiveAsync(id, tenant.ClientKey);
        var init = await steps.Instances.InitAsync(id, new { config = "other: 1\n" }, tenant.ClientKey);
        var proposed = await steps.ProposeAsync(id, "memory:\n  legacy: false\n", tenant.ClientKey);

        Expect(200, active);
        Assert.Equal(legacy.ConfigId, active.Str("config_id"));
        Assert.Equal(LegacyYaml, active.Str("config"));
        Assert.Equal("cred_00000000abcd", active.Str("created_by"));
        ExpectError(409, "ALREADY_INITIALIZED", init);
        Expect(201, proposed);
        Assert.Equal(2, proposed.Json.GetProperty("version").GetInt32());
        Assert.Equal("pending_approval", await steps.ConfigStatusAsync(id));
        await fixture.DeactivateAsync(fixture.Grains.GetGrain<IConfigHistoryGrain>(id));
        var list = await steps.Api.Get(ConfigSteps.Versions(id));
        Assert.Equal([legacy.ConfigId, proposed.Str("config_id")],
            list.Json.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("config_id").GetString()));
    }

    /// <summary>What an init by the previous release left in storage: the version in the instance's own state, no history.</summary>
    private async Task<ConfigVersion> WriteLegacyInitAsync(string instanceId)
    {
        var instance = fixture.Grains.GetGrain<IInstanceGrain>(instanceId);
        await fixture.DeactivateAsync(instance);
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(SynapStorage.Name);
        var stored = new GrainState<InstanceState>(new InstanceState());
        await storage.ReadStateAsync("instance", instance.GetGrainId(), stored);
        var at = DateTimeOffset.UtcNow;
        var version = new ConfigVersion("cfg_00000000000abcde", 1, ConfigVersionStatus.Active, LegacyYaml, at, "cred_00000000abcd", null, at);
        var state = stored.State!;
        state.Detail = state.Detail! with { Status = InstanceStatus.Active, ConfigStatus = ConfigStatus.Active };
        state.ConfigVersions = [version];
        await storage.WriteStateAsync("instance", instance.GetGrainId(), stored);
        return version;
    }
}
