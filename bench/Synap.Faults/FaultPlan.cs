using System.Globalization;

namespace Synap.Faults;

/// <summary>
/// The faults an operator meets, one after another. Each kill or stop is followed by a short degraded spell on the
/// remaining node, then a restart that the fault waits for. The fault ends when the process is gone (kill, SIGTERM)
/// or when PostgreSQL accepts connections again.
/// </summary>
public static class FaultPlan
{
    private static readonly TimeSpan Degraded = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DatabaseDown = TimeSpan.FromSeconds(3);

    /// <summary>The host's own shutdown timeout is 30 s; past this a graceful stop has failed and the process is killed.</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(40);

    public static IReadOnlyList<Fault> Create(Topology topology)
    {
        var (silo1, silo2) = (topology.Silos[0], topology.Silos[1]);
        var (api1, api2) = (topology.Apis[0], topology.Apis[1]);
        return
        [
            new Fault($"kill -9 {silo1.Name}, restart", async phase =>
            {
                await silo1.Process.KillAsync();
                phase.FaultEnd = Clock.Now;
                await Task.Delay(Degraded);
                silo1.Process.Start();
                await topology.WaitReadyAsync(silo1);
            }),
            new Fault($"kill -9 {api1.Name}, restart", async phase =>
            {
                api1.MarkDown();
                await api1.Process.KillAsync();
                phase.FaultEnd = Clock.Now;
                await Task.Delay(Degraded);
                api1.Process.Start();
                await topology.WaitReadyAsync(api1);
            }, SparedNode: api2),
            new Fault("restart PostgreSQL", async phase =>
            {
                await topology.Postgres.StopAsync();
                await Task.Delay(DatabaseDown);
                await topology.Postgres.StartAsync();
                phase.FaultEnd = Clock.Now;
            }),
            new Fault($"SIGTERM {silo2.Name}, restart", async phase =>
            {
                await TerminateAsync(silo2.Process, phase);
                await Task.Delay(Degraded);
                silo2.Process.Start();
                await topology.WaitReadyAsync(silo2);
            }),
            new Fault($"SIGTERM {api2.Name}, restart", async phase =>
            {
                api2.MarkDown();
                await TerminateAsync(api2.Process, phase);
                await Task.Delay(Degraded);
                api2.Process.Start();
                await topology.WaitReadyAsync(api2);
            }, SparedNode: api1),
        ];
    }

    private static async Task TerminateAsync(NodeProcess process, Phase phase)
    {
        var signalled = Clock.Now;
        var graceful = await process.TerminateAsync(GracefulStop);
        phase.FaultEnd = Clock.Now;
        var took = string.Create(CultureInfo.InvariantCulture, $"{phase.FaultEnd - signalled:F1} s");
        phase.Notes.Add($"{process.Name} stopped {took} after SIGTERM");
        if (!graceful)
            phase.Problems.Add($"{process.Name} still ran {GracefulStop.TotalSeconds:F0} s after SIGTERM and was killed");
    }
}
