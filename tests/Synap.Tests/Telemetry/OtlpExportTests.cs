using System.Text;
using Microsoft.AspNetCore.Hosting;
using Synap.Grains.Telemetry;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Telemetry;

/// <summary>The standard <c>OTEL_EXPORTER_OTLP_*</c> settings alone switch on export, to a collector of the operator's choosing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OtlpExportTests(ClusterFixture cluster)
{
    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_reach_it_with_the_correlation_id()
    {
        using var collector = new OtlpReceiver(FreePort.Next());
        var correlationId = $"syn_otlp_{Guid.NewGuid():N}";
        var node = cluster.NewApiNode().WithWebHostBuilder(web => web
            .UseSetting(OpenTelemetryHosting.OtlpEndpointKey, collector.Endpoint)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            // Exported while the node runs, within a second, rather than only by the flush at shutdown, which a loaded
            // machine can cut short (the test once saw nothing arrive).
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200")
            .UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500"));
        await using (node)
        {
            var read = await new ApiCaller(node.CreateClient()).Send(HttpMethod.Get, "/health/live", key: null,
                configure: request => request.Headers.Add("X-Correlation-Id", correlationId));
            Assert.Equal(200, read.Code);
            await BoundedWait.UntilAsync("the collector received the request's trace and the metrics", TimeSpan.FromSeconds(30),
                () => Task.FromResult(collector.Received),
                posts => posts.Any(post => post.Path == "/v1/traces" && Contains(post.Body, correlationId))
                    && posts.Any(post => post.Path == "/v1/metrics" && Contains(post.Body, "http.server.request.duration")),
                posts => $"{posts.Count} posts");
        }

        var received = collector.Received;
        Assert.Contains(received, post => post.Path == "/v1/traces" && Contains(post.Body, correlationId) && Contains(post.Body, "synap-api"));
        Assert.Contains(received, post => post.Path == "/v1/metrics" && Contains(post.Body, "http.server.request.duration"));
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
