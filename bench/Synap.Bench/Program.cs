using Synap.Bench;

if (args.FirstOrDefault() == "registry") return await RegistryBench.RunAsync(args[1..]);

// Measures, side by side in one run, the request rate of three paths through the same server:
// bare health, admin-key instance read, and instance-key (authenticated + rate-limited) instance read.
var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 })
{
    BaseAddress = new Uri(options.Url),
};
var setup = await BenchSetup.CreateAsync(http, options.AdminKey);
var scenarios = new[]
{
    new Scenario("GET /health/live (no auth)", "/health/live", null),
    new Scenario("GET /dashboard/instances/{id} (admin key)", $"/dashboard/instances/{setup.InstanceId}", options.AdminKey),
    new Scenario("GET /dashboard/instances/{id} (instance key, rate-limited)", $"/dashboard/instances/{setup.InstanceId}", setup.InstanceKey),
};

// Interleaved rounds, so drift on a shared machine hits every scenario alike.
var results = scenarios.ToDictionary(s => s, _ => new List<RoundResult>());
foreach (var scenario in scenarios)
    await LoadRunner.RunAsync(http, scenario, options.Concurrency, TimeSpan.FromSeconds(1)); // warm-up
for (var round = 0; round < options.Rounds; round++)
    foreach (var scenario in scenarios)
        results[scenario].Add(await LoadRunner.RunAsync(http, scenario, options.Concurrency, TimeSpan.FromSeconds(options.Seconds)));

Report.Print(results, options);
return results.Values.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
