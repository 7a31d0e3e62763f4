using Synap.Grains.Interfaces.Memories;

namespace Synap.Grains.Memories;

/// <summary>The filters of a listing, already validated: a scope and a case-insensitive substring of the content.</summary>
public sealed record MemoryFilter(MemoryScope? Scope, string? Contains);
