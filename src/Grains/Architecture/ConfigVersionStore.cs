using Orleans.Storage;

namespace Synap.Grains.Architecture;

/// <summary>
/// The YAML of each version as a row of the grain storage, read and written only by the history's own activation
/// (as <see cref="Audit.AuditSegmentStore"/> does for audit segments): state name <c>config-version</c>, key
/// <c>{instanceId}/{version}</c>, with the storage's usual version check.
/// </summary>
public sealed class ConfigVersionStore(IGrainStorage storage, string instanceId)
{
    public const string StateName = "config-version";

    private static readonly GrainType RowType = GrainType.Create("synap-config-version");

    public static GrainId RowId(string instanceId, int version) => GrainId.Create(RowType, $"{instanceId}/{version}");

    /// <summary>The row of a version; null when it was never written.</summary>
    public async Task<ConfigVersionRow?> ReadAsync(int version)
    {
        var state = await ReadStateAsync(version);
        return state.RecordExists ? state.State : null;
    }

    /// <summary>
    /// Writes the row, over whatever is stored under its number: a row left by a command whose head write failed was
    /// never part of the history, so it is read first only for its storage version and then replaced.
    /// </summary>
    public async Task WriteAsync(ConfigVersionRow row)
    {
        var state = await ReadStateAsync(row.Version);
        state.State = row;
        await storage.WriteStateAsync(StateName, RowId(instanceId, row.Version), state);
    }

    private async Task<GrainState<ConfigVersionRow>> ReadStateAsync(int version)
    {
        var state = new GrainState<ConfigVersionRow>(new ConfigVersionRow());
        await storage.ReadStateAsync(StateName, RowId(instanceId, version), state);
        state.State ??= new ConfigVersionRow();
        return state;
    }
}
