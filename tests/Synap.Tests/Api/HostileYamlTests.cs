using Synap.Grains.Architecture;
using Synap.Tests.Infrastructure;
using static Synap.Tests.Api.InstanceSteps;

namespace Synap.Tests.Api;

/// <summary>
/// Issue 6 item 1: one init request with a deeply nested YAML config used to overflow the YAML parser's stack and end
/// the whole process. Now it is a 400 naming <c>config</c>, and the node keeps serving. (Run only against the fixed code:
/// before the fix this request ends the test host itself.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileYamlTests(ClusterFixture cluster)
{
    private readonly InstanceSteps steps = new(cluster.Api1.Caller());

    [Fact]
    public async Task The_config_that_crashed_the_process_is_refused_and_the_node_keeps_answering()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);
        var crashing = "a: " + new string('[', 300_000) + new string(']', 300_000);

        var refused = await steps.InitAsync(id, new { config = crashing }, tenant.ClientKey);

        ApiExpect.InvalidInput(refused, "config");
        ApiExpect.Status(await steps.Api.Get("/health/live", key: null), 200);
        var init = await steps.InitAsync(id, new { config = MinimalConfig }, tenant.ClientKey);
        Expect(201, init);
        Assert.Equal(MinimalConfig, init.Str("config"));
    }

    [Fact]
    public async Task A_small_but_deeply_nested_config_is_refused_and_never_stored()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);
        var deep = "a: " + new string('[', 3_000) + new string(']', 3_000);

        var refused = await steps.InitAsync(id, new { config = deep }, tenant.ClientKey);

        ApiExpect.InvalidInput(refused, "config");
        Assert.Contains($"{YamlShape.MaxDepth} levels", refused.Text, StringComparison.Ordinal);
        ExpectError(404, "NOT_FOUND", await steps.Api.Get($"/instances/{id}/memory-architecture", tenant.ClientKey));
        Assert.Equal("provisioning", await steps.StatusOfAsync(id));
    }

    [Fact]
    public async Task A_config_over_64_KiB_is_refused_naming_config()
    {
        var tenant = await steps.NewTenantAsync();
        var id = await steps.CreateInstanceAsync(tenant.ClientId);
        var large = "note: \"" + new string('x', YamlShape.MaxBytes) + "\"\n";

        ApiExpect.InvalidInput(await steps.InitAsync(id, new { config = large }, tenant.ClientKey), "config");
    }
}
