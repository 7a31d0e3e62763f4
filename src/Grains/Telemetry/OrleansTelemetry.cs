using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Synap.Grains.Telemetry;

/// <summary>
/// Traces across grain calls (Orleans' W3C trace-context propagation through <c>RequestContext</c>) and Synap's
/// grain-call telemetry, for a silo and for an Orleans client alike. In standalone mode the API node's calls go
/// through the co-hosted silo, so the silo registration serves both.
/// </summary>
public static class OrleansTelemetry
{
    public static ISiloBuilder AddSynapTelemetry(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<SynapMetrics>();
        // Orleans' propagation filters first: ours then run inside the spans they start.
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<IncomingGrainCallTelemetry>();
        silo.AddOutgoingGrainCallFilter<OutgoingGrainCallTelemetry>();
        return silo;
    }

    public static IClientBuilder AddSynapTelemetry(this IClientBuilder client)
    {
        client.Services.TryAddSingleton<SynapMetrics>();
        client.AddActivityPropagation();
        client.AddOutgoingGrainCallFilter<OutgoingGrainCallTelemetry>();
        return client;
    }
}
