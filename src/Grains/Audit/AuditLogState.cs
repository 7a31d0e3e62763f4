using Synap.Grains.Interfaces.Audit;

namespace Synap.Grains.Audit;

/// <summary>Entries in the order the log received them; never edited or removed.</summary>
[GenerateSerializer, Alias("synap.audit-log-state.v1")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
