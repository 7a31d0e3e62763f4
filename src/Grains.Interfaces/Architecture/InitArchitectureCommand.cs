namespace Synap.Grains.Interfaces.Architecture;

/// <summary>Body of <c>POST /instances/{id}/memory-architecture/init</c>: YAML text, or a use-case description to derive a default from.</summary>
[GenerateSerializer, Immutable, Alias("synap.init-architecture.v1")]
public sealed record InitArchitectureCommand(
    [property: Id(0)] string? Config,
    [property: Id(1)] string? UseCaseMarkdown);
