using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Clients;

/// <summary>
/// Cuts one page, in listing order, out of items held in no order (a client's instances live in a dictionary), without
/// sorting them all: only the items up to the page's end, counted from whichever end of the order is nearer, are kept
/// in a bounded heap. A client with 10 000 instances then answers its first and last pages in one pass over them
/// instead of a sort of all 10 000 per request; a page in the middle costs what a full sort did.
/// </summary>
public static class PageSelection
{
    /// <param name="items">The matching items, enumerated once.</param>
    /// <param name="total">How many <paramref name="items"/> holds.</param>
    /// <param name="order">A total order (no two items equal).</param>
    public static Page<T> Select<T>(IEnumerable<T> items, int total, PageRequest request, IComparer<T> order)
    {
        var skip = (long)(request.Page - 1) * request.PageSize;
        if (skip >= total)
            return new Page<T>([], request.Page, request.PageSize, total);
        var take = (int)Math.Min(request.PageSize, total - skip);
        var fromStart = skip + take <= total - skip;
        var keep = (int)(fromStart ? skip + take : total - skip);
        var direction = fromStart ? order : Comparer<T>.Create((a, b) => order.Compare(b, a));

        // The heap's root is the last kept item in this direction: an item before it takes its place.
        var heap = new PriorityQueue<T, T>(keep, Comparer<T>.Create((a, b) => direction.Compare(b, a)));
        foreach (var item in items)
        {
            if (heap.Count < keep)
                heap.Enqueue(item, item);
            else if (direction.Compare(item, heap.Peek()) < 0)
                heap.DequeueEnqueue(item, item);
        }
        var kept = new T[heap.Count];
        for (var i = kept.Length - 1; i >= 0; i--)
            kept[i] = heap.Dequeue();

        // kept is in direction order: from the start it ends with the page; from the end it ends with the page reversed.
        var page = kept[^take..];
        if (!fromStart)
            Array.Reverse(page);
        return new Page<T>(page, request.Page, request.PageSize, total);
    }
}
