namespace Synap.Grains.Health;

[GenerateSerializer, Alias("synap.readiness-state.v1")]
public sealed class ReadinessState
{
    [Id(0)] public DateTimeOffset? CheckedAt { get; set; }
}
