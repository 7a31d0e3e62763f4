using System.Diagnostics;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Telemetry;

/// <summary>Puts the correlation id that travels in Orleans <c>RequestContext</c> on a span, so traces and logs join up.</summary>
public static class CorrelationSpanTag
{
    public static void Add(Activity? span)
    {
        // Only a span that is recorded: without a listener there is nothing to tag and nothing to pay.
        if (span is { IsAllDataRequested: true } && RequestContext.Get(RequestContextKeys.CorrelationId) is string correlationId)
            span.SetTag(SynapTags.CorrelationId, correlationId);
    }
}
