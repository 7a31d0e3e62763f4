using System.Diagnostics;

namespace Synap.Grains.Telemetry;

/// <summary>
/// Tags the server span of each grain call with the caller's correlation id, read from the call's <c>RequestContext</c>.
/// Registered after Orleans' activity propagation, so <see cref="Activity.Current"/> is already the call's span.
/// </summary>
public sealed class IncomingGrainCallTelemetry : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        CorrelationSpanTag.Add(Activity.Current);
        return context.Invoke();
    }
}
