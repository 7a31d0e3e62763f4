using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Telemetry;
using Synap.Tests.Infrastructure;
using Synap.Tests.Infrastructure.Faults;

namespace Synap.Tests.Telemetry;

/// <summary>
/// A failed grain-state write shows in Orleans' own <c>orleans-storage-write-errors</c> of the silo, by state name,
/// which is why the <c>Synap</c> meter counts only the writes Orleans does not make (docs/operations.md, Telemetry).
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class GrainStateWriteFailureMetricTests(FaultInjectionClusterFixture fixture)
{
    [Fact]
    public async Task A_failed_grain_state_write_is_counted_by_orleans_with_its_state_name()
    {
        var api = fixture.Api.Caller();
        var clientId = await new Scenario(api).CreateClientAsync();
        var meters = fixture.SiloServices.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<int>(meters, OpenTelemetryHosting.OrleansMeter, "orleans-storage-write-errors");

        using (StorageFaults.FailWrites("client", fixture.Grains.GetGrain<IClientGrain>(clientId)))
            Assert.True((await api.Patch($"/dashboard/clients/{clientId}", new { website = "https://failed.example" })).Code >= 500);

        Assert.Contains(failures.GetMeasurementSnapshot(), m => m.Value == 1 && m.Tags["state_name"] as string == "client");
    }
}
