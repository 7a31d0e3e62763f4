namespace Synap.Grains.Architecture;

/// <summary>What never changes in a version: its id, number, YAML and creation. Its status lives in the head.</summary>
[GenerateSerializer, Alias("synap.config-version-row.v1")]
public sealed class ConfigVersionRow
{
    [Id(0)] public string ConfigId { get; set; } = "";
    [Id(1)] public int Version { get; set; }
    [Id(2)] public string Config { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public string CreatedBy { get; set; } = "";
}
