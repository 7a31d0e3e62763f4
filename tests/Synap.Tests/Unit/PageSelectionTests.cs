using Synap.Grains.Clients;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Tests.Unit;

/// <summary>A page cut from unordered items holds exactly what the same page of the fully sorted items holds (API.md §1 paging).</summary>
public sealed class PageSelectionTests
{
    private static readonly int[] Shuffled = Enumerable.Range(0, 103).OrderBy(i => (i * 7919) % 103).ToArray();

    public static TheoryData<int> PageSizes => new() { 1, 5, 20, 100 };

    [Theory]
    [MemberData(nameof(PageSizes))]
    public void Every_page_holds_the_items_a_full_sort_puts_there(int pageSize)
    {
        var sorted = Shuffled.Order().ToList();
        for (var page = 1; page <= (Shuffled.Length + pageSize - 1) / pageSize + 1; page++)
        {
            var request = new PageRequest(page, pageSize);

            var selected = PageSelection.Select(Shuffled, Shuffled.Length, request, Comparer<int>.Default);

            Assert.Equal(Page<int>.Slice(sorted, request).Data, selected.Data);
            Assert.Equal(Shuffled.Length, selected.Total);
            Assert.Equal(page, selected.PageNumber);
        }
    }

    [Fact]
    public void No_items_give_an_empty_first_page()
    {
        var page = PageSelection.Select(Array.Empty<int>(), 0, new PageRequest(1, 20), Comparer<int>.Default);

        Assert.Empty(page.Data);
        Assert.Equal(0, page.Total);
    }
}
