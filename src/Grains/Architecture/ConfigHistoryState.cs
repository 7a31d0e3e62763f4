namespace Synap.Grains.Architecture;

/// <summary>
/// The head of an instance's config history (state <c>config-history</c>): one summary per version, in version order
/// (index = version - 1), about 150 bytes each. The YAML of each version (up to 64 KiB) is in its own
/// <c>config-version</c> row, written once, so a transition rewrites only this head.
/// </summary>
[GenerateSerializer, Alias("synap.config-history-state.v1")]
public sealed class ConfigHistoryState
{
    [Id(0)] public List<ConfigVersionSummary> Versions { get; set; } = [];
}
