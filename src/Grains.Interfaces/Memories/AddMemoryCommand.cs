namespace Synap.Grains.Interfaces.Memories;

/// <summary>
/// The body of <c>POST /v1/memories</c>. Values arrive as sent (the scope as its text) and are checked by the memory
/// store, so a trusted Orleans caller meets the same rules as HTTP (see <see cref="MemoryRules"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.add-memory-command.v1")]
public sealed record AddMemoryCommand(
    [property: Id(0)] string? Content,
    [property: Id(1)] string? Scope,
    [property: Id(2)] string? ScopeId = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Metadata = null);
