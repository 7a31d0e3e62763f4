using Synap.Grains.Access;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Architecture;

/// <summary>What the history knows of its instance: its standing (for access) and the versions it kept before the history existed.</summary>
public sealed partial class ConfigHistoryGrain
{
    // Told by the instance after each of its writes, read from it on activation; null: no such instance.
    private InstanceStanding? standing;

    private IInstanceMembership Instance => GrainFactory.GetGrain<IInstanceMembership>(InstanceId);

    public Task OnStandingChanged(InstanceStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        this.standing = standing;
        return Task.CompletedTask;
    }

    private Failure? Authorize(Actor actor) => InstanceAccess.Check(actor, InstanceId, standing, InstanceOperation.Manage);

    /// <summary>
    /// Instances initialized before the history existed kept their versions in the instance's own state: they are copied
    /// here the first time the history activates, one row per version and the head last, so an interrupted migration
    /// simply runs again. The instance's copy is left as it was (never read again).
    /// </summary>
    private async Task MigrateLegacyVersionsAsync()
    {
        var legacy = await Instance.GetLegacyConfigVersions();
        if (legacy.Count == 0)
            return;
        var ordered = legacy.OrderBy(v => v.Version).Select((v, i) => v with { Version = i + 1 }).ToList();
        await Commit.RunAsync(async () =>
        {
            foreach (var version in ordered)
            {
                await store.WriteAsync(new ConfigVersionRow
                {
                    ConfigId = version.ConfigId,
                    Version = version.Version,
                    Config = version.Config,
                    CreatedAt = version.CreatedAt,
                    CreatedBy = version.CreatedBy,
                });
            }
            head.State.Versions = ordered.Select(ConfigVersionSummary.Of).ToList();
            return new Outcome<int>(ordered.Count, null);
        });
        LogMigrated(InstanceId, ordered.Count);
    }
}
