using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Paging;
using static Synap.Grains.Audit.AuditSegments;

namespace Synap.Tests.Unit.Audit;

/// <summary>Which segments, and which slots of them, hold a page of a segmented log, newest first.</summary>
public sealed class AuditSegmentsTests
{
    private static readonly AuditSegments Small = new(new AuditLogLimits(SegmentSize: 4, MaxSegments: 3));

    [Fact]
    public void A_page_across_a_segment_boundary_takes_the_newest_slots_of_each_segment_newest_first()
    {
        // Entries 0-8: segments 0 and 1 full, segment 2 holds entry 8.
        Assert.Equal([new SegmentSlice(2, 0, 1), new SegmentSlice(1, 2, 2)], Small.Page(2, 1, new PageRequest(1, 3)));
        Assert.Equal([new SegmentSlice(1, 0, 2), new SegmentSlice(0, 3, 1)], Small.Page(2, 1, new PageRequest(2, 3)));
        Assert.Equal([new SegmentSlice(0, 0, 3)], Small.Page(2, 1, new PageRequest(3, 3)));
        Assert.Empty(Small.Page(2, 1, new PageRequest(4, 3)));
        Assert.Equal(9, Small.Total(2, 1));
    }

    [Fact]
    public void Only_the_newest_segments_are_retained_and_counted()
    {
        // Segment 5 holds 2 entries; with 3 segments kept, segments 3 and 4 are the other retained ones.
        Assert.Equal(3, Small.FirstRetained(5));
        Assert.Equal(10, Small.Total(5, 2));
        Assert.Equal([new SegmentSlice(5, 0, 2), new SegmentSlice(4, 0, 4), new SegmentSlice(3, 0, 4)], Small.Page(5, 2, new PageRequest(1, 100)));
        Assert.Empty(Small.Page(5, 2, new PageRequest(2, 10)));
    }

    [Fact]
    public void A_full_current_segment_and_an_empty_one_after_it_page_alike()
    {
        Assert.Equal(Small.Total(1, 4), Small.Total(2, 0));
        Assert.Equal([new SegmentSlice(1, 1, 3)], Small.Page(1, 4, new PageRequest(1, 3)));
        Assert.Equal([new SegmentSlice(1, 1, 3)], Small.Page(2, 0, new PageRequest(1, 3)));
        Assert.Empty(Small.Page(0, 0, new PageRequest(1, 20)));
        Assert.Equal(0, Small.Total(0, 0));
    }

    [Fact]
    public void Every_page_of_every_size_lists_each_retained_entry_once_newest_first()
    {
        var limits = new AuditLogLimits(SegmentSize: 100, MaxSegments: 3);
        var segments = new AuditSegments(limits);
        foreach (var appended in new[] { 1, 99, 100, 101, 250, 300, 301, 777 })
        {
            var (current, count) = ((appended - 1) / 100, (appended - 1) % 100 + 1);
            var retained = Enumerable.Range(0, appended).Skip(segments.FirstRetained(current) * 100).Reverse().ToList();
            foreach (var pageSize in new[] { 1, 7, 30, 100 })
            {
                var listed = new List<int>();
                for (var page = 1; page <= retained.Count / pageSize + 1; page++)
                {
                    var slices = segments.Page(current, count, new PageRequest(page, pageSize));
                    Assert.True(slices.Count <= 2, $"{appended} entries, page {page} of {pageSize}: {slices.Count} segments");
                    listed.AddRange(slices.SelectMany(s => Enumerable.Range(s.Segment * 100 + s.Start, s.Count).Reverse()));
                }
                Assert.Equal(retained, listed);
                Assert.Equal(retained.Count, segments.Total(current, count));
            }
        }
    }

    [Fact]
    public void A_page_far_past_the_end_is_empty_without_overflowing()
    {
        Assert.Empty(Small.Page(2, 1, new PageRequest(int.MaxValue, 100)));
    }
}
