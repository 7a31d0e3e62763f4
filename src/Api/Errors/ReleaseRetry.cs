namespace Synap.Api.Errors;

/// <summary>
/// Gives something back that the caller holds in a grain (a listen lease, an idempotency claim), asking again after a
/// failure: a silo leaving or a database restarting fails one call, and a release that never lands keeps the thing
/// held until it lapses by itself, which the caller's retry would feel. Never throws: each failure is reported.
/// </summary>
public static class ReleaseRetry
{
    public const int Attempts = 3;

    /// <summary>Grows with each attempt (200 ms, then 400 ms). Real time: a test's fake clock must not hold a release back.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(Func<Task> release, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(failed);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await release();
                return;
            }
            catch (Exception e)
            {
                failed(e);
                if (attempt < Attempts)
                    await Task.Delay(Delay * attempt);
            }
        }
    }
}
