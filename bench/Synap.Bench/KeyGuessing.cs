using System.Globalization;
using Synap.Grains.Interfaces.Security;

namespace Synap.Bench;

/// <summary>
/// Issue 6 item 2: what random well-formed keys (the checksum is public) cost the server. Sends
/// <see cref="BenchOptions.Guesses"/> of them in rounds interleaved with bare health rounds, and prints the
/// statuses the guesser saw, the rate of the refusal path against health, and the server's RSS before and after.
/// </summary>
public static class KeyGuessing
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(HttpClient http, BenchOptions options)
    {
        var concurrency = options.Concurrencies[0];
        var health = new Scenario("GET /health/live (no auth)", "/health/live", null);
        var guess = new Scenario("GET /dashboard/clients (random well-formed key)", "/dashboard/clients", null, ApiKeyFormat.Generate);
        var refused = (Func<int, bool>)(status => status is 401 or 429);

        await LoadRunner.RunAsync(http, health, concurrency, TimeSpan.FromSeconds(1));
        var before = ServerMemory.RssMb(options.ServerPid);
        var healthRounds = new List<RoundResult>();
        var guessRounds = new List<RoundResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            healthRounds.Add(await LoadRunner.RunAsync(http, health, concurrency, TimeSpan.FromSeconds(options.Seconds)));
            guessRounds.Add(await LoadRunner.RunAsync(http, guess, concurrency, TimeSpan.FromMinutes(5), options.Guesses / options.Rounds, refused));
        }
        var after = ServerMemory.RssMb(options.ServerPid);
        await Task.Delay(SettleTime);
        var settled = ServerMemory.RssMb(options.ServerPid);

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{guessRounds.Sum(r => r.Requests)} random-key requests at concurrency {concurrency}, in {options.Rounds} rounds interleaved with {options.Seconds} s health rounds, {options.Url}");
        Console.WriteLine();
        Report.Table(new Dictionary<Scenario, List<RoundResult>> { [health] = healthRounds, [guess] = guessRounds });
        Console.WriteLine();
        var statuses = guessRounds.SelectMany(r => r.Statuses).GroupBy(s => s.Key).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Sum(s => s.Value)}");
        Console.WriteLine("guesser saw " + string.Join(", ", statuses));
        if (before is { } b && after is { } a && settled is { } s)
            Console.WriteLine(string.Format(inv, "server RSS: before {0:F0} MB, right after {1:F0} MB (+{2:F0}), {3:F0} s later {4:F0} MB (+{5:F0})",
                b, a, a - b, SettleTime.TotalSeconds, s, s - b));
        else
            Console.WriteLine("server RSS: unknown (pass --server-pid on Linux)");
        return guessRounds.Concat(healthRounds).Any(r => r.Errors > 0) ? 1 : 0;
    }
}
