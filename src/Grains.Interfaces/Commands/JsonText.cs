namespace Synap.Grains.Interfaces.Commands;

/// <summary>A JSON value kept as its serialized text (a client's free-form <c>context</c> object).</summary>
[GenerateSerializer, Immutable, Alias("synap.json-text.v1")]
public sealed record JsonText([property: Id(0)] string Json)
{
    public static JsonText EmptyObject { get; } = new("{}");
}
