namespace Synap.Grains.Listening;

/// <summary>
/// Per-instance bundle sequence numbers that only grow, with one storage write per <see cref="BlockSize"/> bundles (the
/// hi/lo pattern): the stored ceiling is raised before any number above it is handed out, and a new activation starts
/// above the stored ceiling. Numbers skipped by a restart are simply never used.
/// </summary>
public sealed class BundleSequence(long storedCeiling)
{
    public const long BlockSize = 1000;

    private long last = storedCeiling;

    public long Ceiling { get; private set; } = storedCeiling;

    /// <summary>The ceiling to store before <see cref="Take"/> may be called, or null when the current one still has room.</summary>
    public long? CeilingNeeded => last < Ceiling ? null : last + BlockSize;

    /// <summary>Records that <paramref name="ceiling"/> is now stored.</summary>
    public void Stored(long ceiling) => Ceiling = ceiling;

    public long Take()
    {
        if (last >= Ceiling)
            throw new InvalidOperationException("Store a higher ceiling before taking a sequence number above it");
        return ++last;
    }
}
