using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Synap.Grains.Telemetry;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Telemetry;

/// <summary>
/// The correlation id a caller sends is on the request's span and on the grain-call spans on both sides, so an
/// operator can go from a caller's report to the whole trace. The silos of the test cluster run in this process,
/// so their spans reach the API node's tracer provider too.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CorrelationSpanTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly SpanCollector spans = new();
    private WebApplicationFactory<Program> node = null!;

    [Fact]
    public async Task The_request_span_and_the_grain_call_spans_carry_the_callers_correlation_id()
    {
        var correlationId = $"syn_trace_{Guid.NewGuid():N}";
        var clientId = await new Scenario(new ApiCaller(node.CreateClient())).CreateClientAsync();

        var read = await new ApiCaller(node.CreateClient()).Send(HttpMethod.Get, $"/dashboard/clients/{clientId}", SynapApiFactory.AdminKey,
            configure: request => request.Headers.Add("X-Correlation-Id", correlationId));
        Assert.Equal(200, read.Code);

        var tagged = await BoundedWait.UntilAsync("request, grain-client and grain-server spans with the correlation id", TimeSpan.FromSeconds(10),
            () => Task.FromResult(spans.Ended.Where(s => s.GetTagItem(SynapTags.CorrelationId) as string == correlationId).ToList()),
            found => found.Any(IsRequest) && found.Any(s => IsGrainCall(s, ActivityKind.Client)) && found.Any(s => IsGrainCall(s, ActivityKind.Server)),
            found => string.Join(", ", found.Select(s => $"{s.Source.Name}/{s.Kind}/{s.DisplayName}")));
        Assert.Single(tagged.Select(s => s.TraceId).Distinct());
    }

    public Task InitializeAsync()
    {
        // Without an exporter spans are recorded only when a sampler is asked for, as an operator would.
        node = cluster.NewApiNode().WithWebHostBuilder(web => web
            .UseSetting(OpenTelemetryHosting.SamplerKey, "always_on")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans))));
        node.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static bool IsRequest(Activity span) => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server;

    private static bool IsGrainCall(Activity span, ActivityKind kind) =>
        span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.Kind == kind;
}
