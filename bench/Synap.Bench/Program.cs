using Synap.Bench;

if (args.FirstOrDefault() == "registry") return await RegistryBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "bundles") return await BundleBench.RunAsync(args[1..]);
if (args.FirstOrDefault() is "pingpong" or "idle-streams") return await GrpcBench.RunAsync(args);
if (args.FirstOrDefault() == "memories") return await MemoryBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "creates") return await CreateBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "silo-throughput") return await SiloThroughputBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "list") return await ListBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "grain-memory") return await GrainMemoryBench.RunAsync(args[1..]);

// Measures, side by side in one run, the request rate of three paths through the same server (bare health,
// admin-key instance read, instance-key rate-limited instance read) at each concurrency; or, with
// --mode guess, what random well-formed keys cost it (KeyGuessing).
var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrencies.Max() * 2 })
{
    BaseAddress = new Uri(options.Url),
};
if (options.Mode == "guess")
    return await KeyGuessing.RunAsync(http, options);

var setup = await BenchSetup.CreateAsync(http, options.AdminKey);
var scenarios = new[]
{
    new Scenario("GET /health/live (no auth)", "/health/live", null),
    new Scenario("GET /dashboard/instances/{id} (admin key)", $"/dashboard/instances/{setup.InstanceId}", options.AdminKey),
    new Scenario("GET /dashboard/instances/{id} (instance key, rate-limited)", $"/dashboard/instances/{setup.InstanceId}", setup.InstanceKey),
};

// Interleaved rounds (every concurrency, every scenario, then again), so drift on a shared machine hits all alike.
var results = options.Concurrencies.ToDictionary(c => c, _ => scenarios.ToDictionary(s => s, _ => new List<RoundResult>()));
foreach (var concurrency in options.Concurrencies)
    foreach (var scenario in scenarios)
        await LoadRunner.RunAsync(http, scenario, concurrency, TimeSpan.FromSeconds(1)); // warm-up
for (var round = 0; round < options.Rounds; round++)
    foreach (var concurrency in options.Concurrencies)
        foreach (var scenario in scenarios)
            results[concurrency][scenario].Add(await LoadRunner.RunAsync(http, scenario, concurrency, TimeSpan.FromSeconds(options.Seconds)));

foreach (var (concurrency, byScenario) in results)
{
    Console.WriteLine($"concurrency {concurrency}, {options.Rounds} interleaved rounds of {options.Seconds} s each, {options.Url}");
    Console.WriteLine();
    Report.Table(byScenario);
    Console.WriteLine();
}
return results.Values.SelectMany(r => r.Values).SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
