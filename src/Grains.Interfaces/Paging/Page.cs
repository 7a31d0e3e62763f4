using System.Text.Json.Serialization;

namespace Synap.Grains.Interfaces.Paging;

/// <summary>The pagination envelope of API.md §1.</summary>
[GenerateSerializer, Immutable, Alias("synap.page.v1`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Data,
    [property: Id(1), JsonPropertyName("page")] int PageNumber,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;

    /// <summary>Cuts one page out of items already in their listing order.</summary>
    public static Page<T> Slice(IReadOnlyCollection<T> ordered, PageRequest request) =>
        new(ordered.Skip((int)Math.Min(int.MaxValue, (long)(request.Page - 1) * request.PageSize)).Take(request.PageSize).ToList(),
            request.Page, request.PageSize, ordered.Count);
}
