namespace Synap.Grains.Interfaces.Memories;

/// <summary>Whom a memory is about (API.md §11); written in JSON and stored as its snake_case name.</summary>
[GenerateSerializer, Alias("synap.memory-scope.v1")]
public enum MemoryScope
{
    User = 0,
    Customer = 1,
    Client = 2,
    World = 3,
}
