using System.Diagnostics;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// Polls a condition until it holds or a deadline passes. A timeout is reported with the last observation,
/// so a failure says what was seen, not merely that time ran out.
/// </summary>
public static class BoundedWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the first value <paramref name="probe"/> accepts; fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan timeout, Func<Task<T>> probe, Func<T, bool> accept,
        Func<T, string>? describe = null)
    {
        var watch = Stopwatch.StartNew();
        var last = "nothing observed yet";
        while (true)
        {
            try
            {
                var value = await probe();
                if (accept(value))
                    return value;
                last = describe?.Invoke(value) ?? value?.ToString() ?? "null";
            }
            catch (Exception e) when (watch.Elapsed < timeout)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (watch.Elapsed >= timeout)
                throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:F0} s; last observation: {last}");
            await Task.Delay(Interval);
        }
    }
}
