using System.Globalization;
using Synap.Grains.Common;
using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Architecture;

/// <summary>
/// The version status machine of API.md §7, pure so it is testable without a silo: <c>pending_approval → approved</c>
/// (not by the proposer), <c>approved → active</c> (the previous active one → <c>superseded</c>), and
/// <c>pending_approval | approved → rejected</c>. Each command returns the versions it changed; the grain stores them
/// in one head write.
/// </summary>
public static class ConfigWorkflow
{
    /// <summary>The instance's <c>config_status</c>: <c>pending_approval</c> while a proposal awaits approval or application.</summary>
    public static ConfigStatus InstanceStatus(IReadOnlyList<ConfigVersionSummary> versions) =>
        versions.Count == 0 ? ConfigStatus.Pending
        : versions.Any(v => v.AwaitsApplication) ? ConfigStatus.PendingApproval
        : ConfigStatus.Active;

    public static Outcome<ConfigVersionSummary> Find(IReadOnlyList<ConfigVersionSummary> versions, int version) =>
        version >= 1 && version <= versions.Count
            ? versions[version - 1]
            : Failure.Of(ErrorCodes.NotFound, "Config version not found", ("version", version.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Only a pending proposal may be approved, and only by a credential other than the one that proposed it.</summary>
    public static Outcome<IReadOnlyList<ConfigVersionSummary>> Approve(IReadOnlyList<ConfigVersionSummary> versions, int version, string approver)
    {
        var found = Find(versions, version);
        if (found.Value is not { } target)
            return found.Error!;
        if (target.Status != ConfigVersionStatus.PendingApproval)
            return Transition(target.Status, ConfigVersionStatus.Approved);
        if (target.CreatedBy == approver)
            return Failure.Forbidden("the credential that proposed a version may not approve it");
        return Changed(target with { Status = ConfigVersionStatus.Approved, ApprovedBy = approver });
    }

    /// <summary>
    /// Makes an approved version active and supersedes the active one. Proposals older than the applied one that still
    /// await approval or application are rejected: they were written against a configuration that is no longer active,
    /// and applying one later would silently roll the instance back. Newer proposals stay as they are.
    /// </summary>
    public static Outcome<IReadOnlyList<ConfigVersionSummary>> Apply(IReadOnlyList<ConfigVersionSummary> versions, int version, DateTimeOffset now)
    {
        var found = Find(versions, version);
        if (found.Value is not { } target)
            return found.Error!;
        if (target.Status == ConfigVersionStatus.Active)
            return Failure.Of(ErrorCodes.ConfigAlreadyActive, "This config version is already active",
                ("version", version.ToString(CultureInfo.InvariantCulture)));
        if (target.Status != ConfigVersionStatus.Approved)
            return Transition(target.Status, ConfigVersionStatus.Active);
        var changed = new List<ConfigVersionSummary> { target with { Status = ConfigVersionStatus.Active, AppliedAt = now } };
        foreach (var other in versions.Where(v => v.Version != version))
        {
            if (other.Status == ConfigVersionStatus.Active)
                changed.Add(other with { Status = ConfigVersionStatus.Superseded });
            else if (other.AwaitsApplication && other.Version < version)
                changed.Add(other with { Status = ConfigVersionStatus.Rejected });
        }
        return Changed([.. changed]);
    }

    public static Outcome<IReadOnlyList<ConfigVersionSummary>> Reject(IReadOnlyList<ConfigVersionSummary> versions, int version)
    {
        var found = Find(versions, version);
        if (found.Value is not { } target)
            return found.Error!;
        return target.AwaitsApplication
            ? Changed(target with { Status = ConfigVersionStatus.Rejected })
            : Transition(target.Status, ConfigVersionStatus.Rejected);
    }

    /// <summary>The versions with <paramref name="changed"/> put in their places.</summary>
    public static List<ConfigVersionSummary> With(IReadOnlyList<ConfigVersionSummary> versions, IEnumerable<ConfigVersionSummary> changed)
    {
        var next = versions.ToList();
        foreach (var version in changed)
            next[version.Version - 1] = version;
        return next;
    }

    private static Outcome<IReadOnlyList<ConfigVersionSummary>> Changed(params ConfigVersionSummary[] changed) => new(changed, null);

    private static Failure Transition(ConfigVersionStatus from, ConfigVersionStatus to) =>
        Failure.InvalidTransition(FieldRules.ToSnakeCase(from), FieldRules.ToSnakeCase(to));
}
