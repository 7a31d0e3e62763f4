using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Synap.Faults;

/// <summary>
/// Creates of instances (with an <c>Idempotency-Key</c>, so a retried create never duplicates), PATCHes of their
/// metadata and key checks (authenticated reads with an instance key), paced, through both API nodes. Each worker
/// uses one node and owns its tenant, so its writes to an instance are sequential.
/// </summary>
public sealed class MixedLoad(IReadOnlyList<ApiNode> apis, ResilientCaller caller, IReadOnlyList<(ApiNode Home, Tenant Tenant)> workers,
    double opsPerWorkerPerSecond, string runId) : ILoad
{
    private const int MaxPatchesPerInstance = 40; // metadata holds at most 64 keys
    private const int VerifyConcurrency = 16;

    private readonly ConcurrentDictionary<string, AcknowledgedInstance> acknowledged = new();
    private int writes;

    public string Name => "mixed (create, patch, key check)";

    public int AcknowledgedWrites => Volatile.Read(ref writes);

    public static async Task<MixedLoad> CreateAsync(IReadOnlyList<ApiNode> apis, ResilientCaller caller, string adminKey,
        int workersPerNode, double opsPerWorkerPerSecond, string runId)
    {
        var homes = apis.SelectMany(api => Enumerable.Repeat(api, workersPerNode)).ToArray();
        var tenants = await Task.WhenAll(homes.Select((home, i) => Tenant.CreateAsync(caller, home, adminKey, $"faults-{runId}-w{i}")));
        return new MixedLoad(apis, caller, [.. homes.Zip(tenants)], opsPerWorkerPerSecond, runId);
    }

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(workers.Select((w, i) => WorkAsync(i, w.Home, w.Tenant, stop)));

    private async Task WorkAsync(int worker, ApiNode home, Tenant tenant, CancellationToken stop)
    {
        var mine = new List<AcknowledgedInstance>();
        var random = new Random(worker);
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / opsPerWorkerPerSecond));
        for (var op = 0; !stop.IsCancellationRequested; op++)
        {
            try
            {
                await pace.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var roll = random.Next(100);
            var patchable = mine.Where(i => i.PatchCount < MaxPatchesPerInstance).TakeLast(20).ToArray();
            if (roll < 25 || (roll < 50 && patchable.Length == 0))
                await CreateAsync(worker, op, home, tenant, mine);
            else if (roll < 50)
                await PatchAsync(op, home, tenant, patchable[random.Next(patchable.Length)]);
            else
                await CheckKeyAsync(home, tenant);
        }
    }

    private async Task CreateAsync(int worker, int op, ApiNode home, Tenant tenant, List<AcknowledgedInstance> mine)
    {
        var name = $"w{worker}-{op}";
        var idempotencyKey = $"{runId}-{name}";
        var result = await caller.SendAsync("create", home, tenant.ClientKey, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/dashboard/instances?client_id={tenant.ClientId}")
            {
                Content = JsonContent.Create(new { name, agent_type = "faults", metadata = new Dictionary<string, string> { ["seq"] = name } }),
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return request;
        });
        if (!result.Succeeded)
            return;
        var instance = new AcknowledgedInstance(tenant, result.Json().GetProperty("id").GetString()!, name, Clock.Now);
        instance.Metadata["seq"] = (name, instance.AcknowledgedAt);
        acknowledged[instance.Id] = instance;
        mine.Add(instance);
        Interlocked.Increment(ref writes);
    }

    private async Task PatchAsync(int op, ApiNode home, Tenant tenant, AcknowledgedInstance instance)
    {
        var key = $"p{instance.PatchCount++}";
        var value = $"{runId}-{op}";
        var result = await caller.SendAsync("patch", home, tenant.ClientKey, () =>
            new HttpRequestMessage(HttpMethod.Patch, $"/dashboard/instances/{instance.Id}")
            {
                Content = JsonContent.Create(new { metadata = new Dictionary<string, string> { [key] = value } }),
            });
        if (!result.Succeeded)
            return;
        instance.Metadata[key] = (value, Clock.Now);
        Interlocked.Increment(ref writes);
    }

    private async Task CheckKeyAsync(ApiNode home, Tenant tenant)
    {
        var result = await caller.SendAsync("key check", home, tenant.AgentKey,
            () => new HttpRequestMessage(HttpMethod.Get, $"/dashboard/instances/{tenant.AgentInstanceId}"));
        if (result.Succeeded && result.Json().GetProperty("id").GetString() != tenant.AgentInstanceId)
            throw new InvalidOperationException($"key check of {tenant.AgentInstanceId} answered another instance: {result.Body}");
    }

    public async Task<IReadOnlyList<LostWrite>> VerifyAsync()
    {
        var lost = new ConcurrentBag<LostWrite>();
        var verifier = new ResilientCaller(apis, log: null);
        await Parallel.ForEachAsync(acknowledged.Values.Select((instance, i) => (instance, i)),
            new ParallelOptions { MaxDegreeOfParallelism = VerifyConcurrency }, async (item, _) =>
            {
                var (instance, i) = item;
                var result = await verifier.SendAsync("verify", apis[i % apis.Count], instance.Tenant.ClientKey,
                    () => new HttpRequestMessage(HttpMethod.Get, $"/dashboard/instances/{instance.Id}"));
                foreach (var write in Compare(instance, result))
                    lost.Add(write);
            });
        return [.. lost];
    }

    private static IEnumerable<LostWrite> Compare(AcknowledgedInstance instance, CallResult result)
    {
        if (!result.Succeeded)
        {
            yield return new LostWrite(instance.AcknowledgedAt, $"instance {instance.Id} ({instance.Name}): GET {result.Status} {result.Failure}");
            foreach (var (key, (_, at)) in instance.Metadata.Where(m => m.Key != "seq"))
                yield return new LostWrite(at, $"instance {instance.Id}: metadata.{key} (instance missing)");
            yield break;
        }
        var json = result.Json();
        if (json.GetProperty("name").GetString() != instance.Name)
            yield return new LostWrite(instance.AcknowledgedAt, $"instance {instance.Id}: name {json.GetProperty("name")} instead of {instance.Name}");
        var metadata = json.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        foreach (var (key, (value, at)) in instance.Metadata)
        {
            var found = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(key, out var v) ? v.GetString() : null;
            if (found != value)
                yield return new LostWrite(at, $"instance {instance.Id}: metadata.{key} is {found ?? "absent"}, acknowledged {value}");
        }
    }
}
