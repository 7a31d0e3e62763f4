using System.Diagnostics;
using System.Net.Http.Headers;

namespace Synap.Bench;

/// <summary>A closed-loop load: N workers each send the next request when the previous one answered, for a fixed time.</summary>
public static class LoadRunner
{
    public static async Task<RoundResult> RunAsync(HttpClient http, Scenario scenario, int concurrency, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            long errors = 0;
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, scenario.Path);
                if (scenario.Key is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Key);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                    errors++;
            }
            return (latencies, errors);
        })).ToArray();
        var done = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = done.SelectMany(d => d.latencies).ToArray();
        return new RoundResult(all.Length, done.Sum(d => d.errors), elapsed, all);
    }
}
