using Microsoft.Extensions.Time.Testing;
using Synap.Api.Endpoints;

namespace Synap.Tests.Unit;

/// <summary>Issue 6 item 2: readiness calls share one in-flight check and its result for a second.</summary>
public sealed class ReadinessProbeTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private TaskCompletionSource pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int checks;

    private ReadinessProbe Probe() => new(() =>
    {
        checks++;
        return pending.Task;
    }, time);

    [Fact]
    public async Task Concurrent_calls_share_one_in_flight_check()
    {
        var probe = Probe();

        var calls = Enumerable.Range(0, 20).Select(_ => probe.CheckAsync()).ToArray();
        pending.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, checks);
        Assert.All(results, Assert.Null);
    }

    [Fact]
    public async Task A_result_answers_for_one_second_then_the_next_call_checks_again()
    {
        var probe = Probe();
        pending.SetResult();
        Assert.Null(await probe.CheckAsync());

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Null(await probe.CheckAsync());
        Assert.Equal(1, checks);

        time.Advance(TimeSpan.FromMilliseconds(1));
        pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.SetException(new TimeoutException("storage down"));
        Assert.IsType<TimeoutException>(await probe.CheckAsync());
        Assert.Equal(2, checks);
    }
}
