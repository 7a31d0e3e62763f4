using System.Collections.Concurrent;

namespace Synap.Faults;

/// <summary>An instance whose create was acknowledged (2xx), with every metadata value an acknowledged PATCH wrote to it.</summary>
public sealed class AcknowledgedInstance(Tenant tenant, string id, string name, double acknowledgedAt)
{
    public Tenant Tenant { get; } = tenant;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public double AcknowledgedAt { get; } = acknowledgedAt;

    /// <summary>Metadata key → (value, when its write was acknowledged). Each PATCH writes a key of its own, so the
    /// check does not depend on the order two writes reached the grain in.</summary>
    public ConcurrentDictionary<string, (string Value, double AcknowledgedAt)> Metadata { get; } = new();

    public int PatchCount;
}
