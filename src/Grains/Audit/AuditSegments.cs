using Synap.Grains.Interfaces.Paging;

namespace Synap.Grains.Audit;

/// <summary>
/// The arithmetic of a segmented log. Entries are numbered in arrival order; entry <c>n</c> lives in segment
/// <c>n / SegmentSize</c> at slot <c>n % SegmentSize</c>. Every retained segment below the current one is full, so which
/// segments hold a page follows from the current segment and its count alone.
/// </summary>
public sealed class AuditSegments(AuditLogLimits limits)
{
    /// <summary>The oldest segment still kept; older ones are past the retention and get deleted.</summary>
    public int FirstRetained(int currentSegment) => Math.Max(0, currentSegment - limits.MaxSegments + 1);

    public int Total(int currentSegment, int currentCount) =>
        (currentSegment - FirstRetained(currentSegment)) * limits.SegmentSize + currentCount;

    /// <summary>
    /// The slices of segments that make up one page, newest first: each slice is read from its segment and reversed.
    /// A page of at most <see cref="PageRequest.MaxPageSize"/> entries spans at most two segments of 100.
    /// </summary>
    public IReadOnlyList<SegmentSlice> Page(int currentSegment, int currentCount, PageRequest page)
    {
        var size = limits.SegmentSize;
        var first = (long)FirstRetained(currentSegment) * size;
        var end = (long)currentSegment * size + currentCount;
        var newest = end - 1 - (long)(page.Page - 1) * page.PageSize;
        var oldest = Math.Max(first, end - (long)page.Page * page.PageSize);
        var slices = new List<SegmentSlice>();
        for (var at = newest; at >= oldest;)
        {
            var segment = (int)(at / size);
            var segmentStart = (long)segment * size;
            var from = Math.Max(oldest, segmentStart);
            slices.Add(new SegmentSlice(segment, (int)(from - segmentStart), (int)(at - from + 1)));
            at = from - 1;
        }
        return slices;
    }

    /// <summary>Entries <c>Start</c> to <c>Start + Count - 1</c> of segment <c>Segment</c>, in arrival order.</summary>
    public sealed record SegmentSlice(int Segment, int Start, int Count);
}
