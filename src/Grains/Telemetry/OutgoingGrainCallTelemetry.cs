using System.Diagnostics;

namespace Synap.Grains.Telemetry;

/// <summary>
/// Counts each grain call this process makes (by interface, method and outcome) and tags its client span with the
/// caller's correlation id. Orleans' own meter only has the latency of all calls together, without the method.
/// Registered after Orleans' activity propagation, so <see cref="Activity.Current"/> is already the call's span.
/// </summary>
public sealed class OutgoingGrainCallTelemetry(SynapMetrics metrics) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        CorrelationSpanTag.Add(Activity.Current);
        var succeeded = false;
        try
        {
            await context.Invoke();
            succeeded = true;
        }
        finally
        {
            metrics.GrainCallMade(context.InterfaceName, context.MethodName, succeeded);
        }
    }
}
