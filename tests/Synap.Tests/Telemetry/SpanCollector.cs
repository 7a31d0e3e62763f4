using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Synap.Tests.Telemetry;

/// <summary>
/// Keeps every span the host's tracer provider records. Spans end on many threads (request, grain and silo threads of
/// every host in this test process), hence the concurrent queue rather than the in-memory exporter's list.
/// </summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> ended = new();

    public IReadOnlyList<Activity> Ended => [.. ended];

    public override void OnEnd(Activity data) => ended.Enqueue(data);
}
