using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Synap.Grains.Telemetry;

/// <summary>
/// The <c>Synap</c> meter: what an operator needs beyond ASP.NET Core's, the runtime's and Orleans' own instruments.
/// One singleton per process (API node, silo, or both in standalone mode), created through <see cref="IMeterFactory"/>
/// so each host, and each test host, has its own instruments. Every instrument is a counter or an observed value:
/// recording one costs an add with a few tags on the stack, nothing per request beyond that.
/// </summary>
public sealed class SynapMetrics
{
    public const string MeterName = "Synap";

    public const string GrainCalls = "synap.grain.calls";
    public const string RateLimitRejections = "synap.rate_limit.rejections";
    public const string AuthenticationFailures = "synap.authentication.failures";
    public const string OpenListenStreams = "synap.listen.streams";
    public const string StorageWriteFailures = "synap.storage.write_failures";

    private readonly Meter meter;
    private readonly Counter<long> grainCalls;
    private readonly Counter<long> rateLimitRejections;
    private readonly Counter<long> authenticationFailures;
    private readonly Counter<long> storageWriteFailures;

    public SynapMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        grainCalls = meter.CreateCounter<long>(GrainCalls, "{call}",
            "Grain calls made by this process, by grain interface, method and outcome (ok or exception)");
        rateLimitRejections = meter.CreateCounter<long>(RateLimitRejections, "{request}",
            "Requests answered 429, by the limit that refused them");
        authenticationFailures = meter.CreateCounter<long>(AuthenticationFailures, "{request}",
            "Presented keys that were refused, by error code");
        storageWriteFailures = meter.CreateCounter<long>(StorageWriteFailures, "{write}",
            "Writes to Synap's own tables that failed, by table and operation");
    }

    public void GrainCallMade(string? grainInterface, string? method, bool succeeded) =>
        grainCalls.Add(1, new TagList
        {
            { SynapTags.GrainInterface, grainInterface },
            { SynapTags.GrainMethod, method },
            { SynapTags.Outcome, succeeded ? "ok" : "exception" },
        });

    /// <param name="limit">One of <see cref="RateLimits"/>.</param>
    public void RateLimitRejected(string limit) =>
        rateLimitRejections.Add(1, new KeyValuePair<string, object?>(SynapTags.Limit, limit));

    /// <param name="reason">The API error code the caller received, e.g. <c>INVALID_API_KEY</c>.</param>
    public void AuthenticationFailed(string reason) =>
        authenticationFailures.Add(1, new KeyValuePair<string, object?>(SynapTags.Reason, reason));

    public void StorageWriteFailed(string table, string operation) =>
        storageWriteFailures.Add(1, new TagList { { SynapTags.Table, table }, { SynapTags.Operation, operation } });

    /// <summary>Reports the listen streams open on this API node whenever metrics are collected.</summary>
    public void ObserveOpenListenStreams(Func<int> count) =>
        meter.CreateObservableUpDownCounter(OpenListenStreams, count, "{stream}", "Listen streams (SSE and gRPC) open on this API node");

    /// <summary>The values of the <see cref="SynapTags.Limit"/> tag.</summary>
    public static class RateLimits
    {
        /// <summary>The key's token bucket (its tier's rate) refused the request.</summary>
        public const string KeyBucket = "key_bucket";

        /// <summary>The caller's address presented too many refused keys.</summary>
        public const string FailedAuthentications = "failed_authentications";

        /// <summary>The caller's address sent too many anonymous requests (readiness, bootstrap exchange).</summary>
        public const string AnonymousRoutes = "anonymous_routes";
    }
}
