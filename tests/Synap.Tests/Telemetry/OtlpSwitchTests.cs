using Microsoft.Extensions.Hosting;
using Synap.Grains.Telemetry;

namespace Synap.Tests.Telemetry;

/// <summary>
/// Without <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> no OTLP exporter is registered at all, so nothing can be sent; the
/// endpoint alone adds it (what it then sends is in <see cref="OtlpExportTests"/>).
/// </summary>
public sealed class OtlpSwitchTests
{
    [Fact]
    public void Without_an_endpoint_no_otlp_exporter_is_registered()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[OpenTelemetryHosting.OtlpEndpointKey] = null;

        builder.AddSynapSiloTelemetry();

        Assert.DoesNotContain(builder.Services, IsOtlp);
    }

    [Fact]
    public void An_endpoint_registers_the_otlp_exporter()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[OpenTelemetryHosting.OtlpEndpointKey] = "http://127.0.0.1:4317";

        builder.AddSynapSiloTelemetry();

        Assert.Contains(builder.Services, IsOtlp);
    }

    private static bool IsOtlp(Microsoft.Extensions.DependencyInjection.ServiceDescriptor service) =>
        (service.ServiceType.FullName ?? "").Contains("Otlp", StringComparison.Ordinal)
        || ((service.IsKeyedService ? service.KeyedImplementationType : service.ImplementationType)?.FullName ?? "").Contains("Otlp", StringComparison.Ordinal);
}
