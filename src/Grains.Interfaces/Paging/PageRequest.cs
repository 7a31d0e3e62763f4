namespace Synap.Grains.Interfaces.Paging;

[GenerateSerializer, Immutable, Alias("synap.page-request.v1")]
public sealed record PageRequest([property: Id(0)] int Page, [property: Id(1)] int PageSize)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public static PageRequest Default { get; } = new(1, DefaultPageSize);

    public bool IsValid => Page >= 1 && PageSize is >= 1 and <= MaxPageSize;
}
