namespace Synap.Grains.Interfaces.Architecture;

/// <summary>Body of <c>POST /instances/{id}/memory-architecture/versions</c>: the proposed YAML, with the same rules as init's <c>config</c>.</summary>
[GenerateSerializer, Immutable, Alias("synap.propose-config.v1")]
public sealed record ProposeConfigCommand([property: Id(0)] string? Config);
