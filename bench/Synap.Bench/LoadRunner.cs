using System.Diagnostics;
using System.Net.Http.Headers;

namespace Synap.Bench;

/// <summary>
/// A closed-loop load: N workers each send the next request when the previous one answered, for a fixed time or
/// until a fixed number of requests has been sent. A request counts as an error when its status is not expected.
/// </summary>
public static class LoadRunner
{
    public static Task<RoundResult> RunAsync(HttpClient http, Scenario scenario, int concurrency, TimeSpan duration) =>
        RunAsync(http, scenario, concurrency, duration, long.MaxValue, status => status is >= 200 and < 300);

    public static async Task<RoundResult> RunAsync(HttpClient http, Scenario scenario, int concurrency, TimeSpan duration,
        long maxRequests, Func<int, bool> expected)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var statuses = new Dictionary<int, long>();
            long errors = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref sent) <= maxRequests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, scenario.Path);
                var key = scenario.NewKey?.Invoke() ?? scenario.Key;
                if (key is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (!expected(status))
                    errors++;
            }
            return (latencies, errors, statuses);
        })).ToArray();
        var done = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = done.SelectMany(d => d.latencies).ToArray();
        var byStatus = done.SelectMany(d => d.statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new RoundResult(all.Length, done.Sum(d => d.errors), elapsed, all, byStatus);
    }
}
