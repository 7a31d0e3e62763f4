using Synap.Grains.Interfaces.Audit;

namespace Synap.Grains.Audit;

/// <summary>One segment of an audit log: up to <see cref="AuditLogLimits.SegmentSize"/> entries in arrival order.</summary>
[GenerateSerializer, Alias("synap.audit-segment-state.v1")]
public sealed class AuditSegmentState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
