using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Synap.Grains.Telemetry;

/// <summary>
/// The OpenTelemetry SDK of a Synap process: traces of Orleans grain calls, metrics of the runtime, Orleans and the
/// <see cref="SynapMetrics.MeterName"/> meter. Nothing leaves the process unless the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; then every signal goes there over OTLP (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>:
/// <c>grpc</c>, the default, or <c>http/protobuf</c>). Without an endpoint no span is recorded either (nothing would
/// read it, and the hot path should not pay for it) unless <c>OTEL_TRACES_SAMPLER</c> asks for spans.
/// </summary>
public static class OpenTelemetryHosting
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string SamplerKey = "OTEL_TRACES_SAMPLER";

    /// <summary>Orleans' span sources (its runtime's own calls, and application grain calls) and its meter.</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <param name="defaultServiceName">The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> sets another.</param>
    /// <param name="tracing">What the host adds to tracing (the API node: ASP.NET Core).</param>
    /// <param name="metrics">What the host adds to metrics.</param>
    public static OpenTelemetryBuilder AddSynapOpenTelemetry(this IHostApplicationBuilder builder, string defaultServiceName,
        Action<TracerProviderBuilder>? tracing = null, Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var serviceName = builder.Configuration[ServiceNameKey] is { Length: > 0 } configured ? configured : defaultServiceName;
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var samplerChosen = !string.IsNullOrWhiteSpace(builder.Configuration[SamplerKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracer =>
            {
                tracer.AddSource(OrleansActivitySources);
                if (!exporting && !samplerChosen)
                    tracer.SetSampler(new AlwaysOffSampler());
                tracing?.Invoke(tracer);
            })
            .WithMetrics(meter =>
            {
                meter.AddMeter(SynapMetrics.MeterName, OrleansMeter).AddRuntimeInstrumentation();
                metrics?.Invoke(meter);
            });
        if (exporting)
            telemetry.UseOtlpExporter();
        return telemetry;
    }

    /// <summary>A silo process: <c>synap-silo</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public static IHostApplicationBuilder AddSynapSiloTelemetry(this IHostApplicationBuilder builder)
    {
        builder.AddSynapOpenTelemetry("synap-silo");
        return builder;
    }
}
