namespace Synap.Grains.Interfaces.Commands;

/// <summary>A field of a partial update: absent (<c>null</c> reference of this type) or present with a value that may be null.</summary>
[GenerateSerializer, Immutable, Alias("synap.optional.v1`1")]
public sealed record Optional<T>([property: Id(0)] T Value);
