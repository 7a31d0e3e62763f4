using System.Globalization;
using System.Runtime;

namespace Synap.Bench;

/// <summary>This process's memory after a full blocking compacting GC: what a bench hosting a silo reads before and after a load.</summary>
public sealed record HeapReading(long TotalMemory, long HeapSize, long Rss)
{
    public static HeapReading Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var rssMb = ServerMemory.RssMb(Environment.ProcessId) ?? 0;
        return new HeapReading(GC.GetTotalMemory(forceFullCollection: true), GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes, (long)(rssMb * 1024 * 1024));
    }

    public static void Row(string name, long before, long after, int grains) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {before / 1048576.0:F1} MB | {after / 1048576.0:F1} MB | **{(after - before) / 1024.0 / grains:F2} KiB** |"));
}
