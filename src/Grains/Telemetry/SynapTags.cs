namespace Synap.Grains.Telemetry;

/// <summary>Tag (attribute) names on Synap's instruments and spans, in OpenTelemetry's lower dot case.</summary>
public static class SynapTags
{
    /// <summary>The request's correlation id (API.md §1), on every server span and grain-call span.</summary>
    public const string CorrelationId = "synap.correlation_id";

    /// <summary>OpenTelemetry's RPC convention names, as Orleans' own spans use them.</summary>
    public const string GrainInterface = "rpc.service";
    public const string GrainMethod = "rpc.method";

    public const string Outcome = "synap.outcome";
    public const string Limit = "synap.limit";
    public const string Reason = "synap.reason";
    public const string Table = "synap.table";
    public const string Operation = "synap.operation";
}
