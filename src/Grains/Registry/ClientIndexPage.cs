namespace Synap.Grains.Registry;

/// <summary>One page of index entries in listing order, and how many entries match the filter in all.</summary>
[GenerateSerializer, Immutable, Alias("synap.client-index-page.v1")]
public sealed record ClientIndexPage(
    [property: Id(0)] IReadOnlyList<ClientIndexEntry> Entries,
    [property: Id(1)] int Total);
