using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Interfaces.Memories;

/// <summary><c>GET /v1/memories</c>: a page, an optional scope (its text) and an optional case-insensitive substring <see cref="Q"/>.</summary>
[GenerateSerializer, Immutable, Alias("synap.list-memories-query.v1")]
public sealed record ListMemoriesQuery(
    [property: Id(0)] PageRequest Page,
    [property: Id(1)] string? Scope = null,
    [property: Id(2)] string? Q = null);
