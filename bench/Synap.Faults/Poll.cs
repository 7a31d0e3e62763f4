namespace Synap.Faults;

/// <summary>Waits for a condition by polling with a deadline; a missed deadline is an error naming what was awaited.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Clock.Now + timeout.TotalSeconds;
        while (!await condition())
        {
            if (Clock.Now > deadline)
                throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:F0} s");
            await Task.Delay(Interval);
        }
    }
}
