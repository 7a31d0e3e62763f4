using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// API.md §2: another tenant's client, instance or credential is indistinguishable from a missing one. Every
/// probe is sent twice with tenant B's key, once at tenant A's ids and once at ids that do not exist, and the
/// two answers must be the same apart from the ids echoed in <c>details</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(ClusterFixture cluster)
{
    private readonly ApiCaller api = cluster.Api1.Caller();

    private Scenario Scenario => new(api);

    private sealed record Ids(string ClientId, string InstanceId, string ClientCredentialId, string InstanceCredentialId);

    private sealed record Probe(string Method, Func<Ids, string, string> Path, object? Body, string Code);

    private static readonly Probe[] Probes =
    [
        new("GET", (a, _) => $"/dashboard/clients/{a.ClientId}", null, "CLIENT_NOT_FOUND"),
        new("PATCH", (a, _) => $"/dashboard/clients/{a.ClientId}", new { description = "taken over" }, "CLIENT_NOT_FOUND"),
        new("PATCH", (a, _) => $"/dashboard/clients/{a.ClientId}", new { status = "inactive" }, "CLIENT_NOT_FOUND"),
        new("DELETE", (a, _) => $"/dashboard/clients/{a.ClientId}", null, "CLIENT_NOT_FOUND"),
        new("GET", (a, _) => $"/dashboard/clients/{a.ClientId}/api-keys", null, "CLIENT_NOT_FOUND"),
        new("POST", (a, _) => $"/dashboard/clients/{a.ClientId}/api-keys", new { label = "backdoor" }, "CLIENT_NOT_FOUND"),
        new("DELETE", (a, _) => $"/dashboard/clients/{a.ClientId}/api-keys/{a.ClientCredentialId}", null, "CLIENT_NOT_FOUND"),
        new("GET", (a, _) => $"/dashboard/instances?client_id={a.ClientId}", null, "CLIENT_NOT_FOUND"),
        new("POST", (a, _) => $"/dashboard/instances?client_id={a.ClientId}", new { name = "intruder", agent_type = "support" }, "CLIENT_NOT_FOUND"),
        new("GET", (a, _) => $"/dashboard/instances/{a.InstanceId}", null, "INSTANCE_NOT_FOUND"),
        new("PATCH", (a, _) => $"/dashboard/instances/{a.InstanceId}", new { description = "taken over" }, "INSTANCE_NOT_FOUND"),
        new("PATCH", (a, _) => $"/dashboard/instances/{a.InstanceId}", new { status = "inactive" }, "INSTANCE_NOT_FOUND"),
        new("DELETE", (a, _) => $"/dashboard/instances/{a.InstanceId}", null, "INSTANCE_NOT_FOUND"),
        new("GET", (a, _) => $"/dashboard/instances/{a.InstanceId}/api-keys", null, "INSTANCE_NOT_FOUND"),
        new("POST", (a, _) => $"/dashboard/instances/{a.InstanceId}/api-keys", new { label = "backdoor" }, "INSTANCE_NOT_FOUND"),
        new("DELETE", (a, _) => $"/dashboard/instances/{a.InstanceId}/api-keys/{a.InstanceCredentialId}", null, "INSTANCE_NOT_FOUND"),
        new("POST", (a, _) => $"/instances/{a.InstanceId}/memory-architecture/init", new { config = "memory:\n  kind: episodic\n" }, "INSTANCE_NOT_FOUND"),
        new("GET", (a, _) => $"/instances/{a.InstanceId}/memory-architecture", null, "INSTANCE_NOT_FOUND"),
        // A's credentials through B's own routes.
        new("DELETE", (a, own) => $"/dashboard/clients/{own}/api-keys/{a.ClientCredentialId}", null, "CREDENTIAL_NOT_FOUND"),
        new("DELETE", (a, own) => $"/dashboard/clients/{own}/api-keys/{a.InstanceCredentialId}", null, "CREDENTIAL_NOT_FOUND"),
    ];

    [Fact]
    public async Task A_client_key_of_another_tenant_gets_the_same_404_as_for_ids_that_do_not_exist()
    {
        var a = await TenantAsync();
        var b = await TenantAsync();
        var before = await SnapshotAsync(a.Ids);

        var failures = await ProbeAsync(a.Ids, b.Ids.ClientId, b.ClientKey, probe => probe.Code);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await AssertUntouchedAsync(a.Ids, before, a.ClientKey, a.InstanceKey);
    }

    [Fact]
    public async Task An_instance_key_of_another_tenant_gets_the_same_answers_as_for_ids_that_do_not_exist()
    {
        var a = await TenantAsync();
        var b = await TenantAsync();
        var before = await SnapshotAsync(a.Ids);

        // An instance key may not manage even its own client's keys, so the last probes are 403s, for A's ids and missing ones alike.
        var failures = await ProbeAsync(a.Ids, b.Ids.ClientId, b.InstanceKey, probe => probe.Code == "CREDENTIAL_NOT_FOUND" ? "FORBIDDEN" : probe.Code);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await AssertUntouchedAsync(a.Ids, before, a.ClientKey, a.InstanceKey);
    }

    [Fact]
    public async Task A_tenant_does_not_see_another_tenants_clients_in_any_listing()
    {
        var a = await TenantAsync();
        var b = await TenantAsync();

        var clients = await api.Get("/dashboard/clients", b.ClientKey);
        var instances = await api.Get($"/dashboard/instances?client_id={b.Ids.ClientId}", b.ClientKey);
        var keys = await api.Get($"/dashboard/clients/{b.Ids.ClientId}/api-keys", b.ClientKey);

        ApiExpect.Error(clients, 403, "FORBIDDEN");
        ApiExpect.Status(instances, 200);
        Assert.DoesNotContain(a.Ids.InstanceId, instances.Text);
        ApiExpect.Status(keys, 200);
        Assert.DoesNotContain(a.Ids.ClientCredentialId, keys.Text);
    }

    private async Task<List<string>> ProbeAsync(Ids target, string ownClientId, string key, Func<Probe, string> expectedCode)
    {
        var missing = new Ids($"cli_{Hex(16)}", $"inst_{Hex(16)}", $"cred_{Hex(12)}", $"cred_{Hex(12)}");
        var failures = new List<string>();
        foreach (var probe in Probes)
        {
            var foreign = await Send(probe, probe.Path(target, ownClientId), key);
            var absent = await Send(probe, probe.Path(missing, ownClientId), key);
            var expected = expectedCode(probe);
            var label = $"{probe.Method} {probe.Path(target, ownClientId)}";
            if (foreign.ErrorCode != expected || foreign.Code != absent.Code)
                failures.Add($"{label}: expected {expected} like a missing id ({absent}), got {foreign}");
            else if (Anonymize(foreign.Text, target) != Anonymize(absent.Text, missing))
                failures.Add($"{label}: the answer differs from a missing id's: {foreign} vs {absent}");
        }
        return failures;
    }

    private Task<ApiResponse> Send(Probe probe, string path, string key) => api.Send(new HttpMethod(probe.Method), path, key, probe.Body);

    private static string Anonymize(string text, Ids ids) => text
        .Replace(ids.ClientId, "{client}").Replace(ids.InstanceId, "{instance}")
        .Replace(ids.ClientCredentialId, "{credential}").Replace(ids.InstanceCredentialId, "{credential}");

    private async Task<string[]> SnapshotAsync(Ids a) =>
    [
        (await api.Get($"/dashboard/clients/{a.ClientId}")).Text,
        (await api.Get($"/dashboard/instances/{a.InstanceId}")).Text,
        (await api.Get($"/dashboard/clients/{a.ClientId}/api-keys")).Text,
        (await api.Get($"/dashboard/instances/{a.InstanceId}/api-keys")).Text,
        (await api.Get($"/dashboard/instances?client_id={a.ClientId}")).Text,
    ];

    private async Task AssertUntouchedAsync(Ids a, string[] before, string clientKey, string instanceKey)
    {
        Assert.Equal(before, await SnapshotAsync(a));
        ApiExpect.Status(await api.Get($"/dashboard/clients/{a.ClientId}", clientKey), 200);
        ApiExpect.Status(await api.Get($"/dashboard/instances/{a.InstanceId}", instanceKey), 200);
    }

    private async Task<(Ids Ids, string ClientKey, string InstanceKey)> TenantAsync()
    {
        var clientId = await Scenario.CreateUnthrottledClientAsync();
        var clientKey = await api.Post($"/dashboard/clients/{clientId}/api-keys", new { label = "tenant" });
        var instanceId = await Scenario.CreateInstanceAsync(clientId, name: "intruder");
        await Scenario.InitAsync(instanceId);
        var instanceKey = await api.Post($"/dashboard/instances/{instanceId}/api-keys", new { label = "tenant" });
        ApiExpect.Status(clientKey, 201);
        ApiExpect.Status(instanceKey, 201);
        return (new Ids(clientId, instanceId, clientKey.Str("credential_id"), instanceKey.Str("credential_id")),
            clientKey.Str("api_key"), instanceKey.Str("api_key"));
    }

    private static string Hex(int length) => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(length / 2));
}
