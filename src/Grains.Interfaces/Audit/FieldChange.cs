using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Interfaces.Audit;

/// <summary>
/// A field's value before and after a change, each as JSON text (a string, number or object as the resource shows
/// it), so a client's <c>context</c> object and a tier's numbers keep their JSON types. Null where there was no value.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.field-change.v1")]
public sealed record FieldChange(
    [property: Id(0)] JsonText? From,
    [property: Id(1)] JsonText? To);
