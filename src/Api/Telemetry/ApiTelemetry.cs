using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Synap.Grains.Telemetry;

namespace Synap.Api.Telemetry;

/// <summary>
/// OpenTelemetry of an API node (and, in standalone mode, of the silo it hosts): everything a silo has, plus ASP.NET
/// Core's request spans and metrics (<c>http.server.request.duration</c> counts and times every request). Each
/// request's span carries its correlation id.
/// </summary>
public static class ApiTelemetry
{
    public const string DefaultServiceName = "synap-api";

    public static WebApplicationBuilder AddSynapTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<SynapMetrics>();
        builder.AddSynapOpenTelemetry(DefaultServiceName,
            tracing => tracing.AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.EnrichWithHttpResponse = TagCorrelationId),
            metrics => metrics.AddAspNetCoreInstrumentation());
        return builder;
    }

    /// <summary>At the end of the request, when the correlation middleware has set it as the request's trace identifier.</summary>
    private static void TagCorrelationId(System.Diagnostics.Activity span, HttpResponse response) =>
        span.SetTag(SynapTags.CorrelationId, response.HttpContext.TraceIdentifier);
}
