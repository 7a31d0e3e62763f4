namespace Synap.Grains.Interfaces.Outcomes;

/// <summary>The result of a grain command: a value or an expected <see cref="Failure"/>. Exceptions are kept for bugs and outages.</summary>
[GenerateSerializer, Immutable, Alias("synap.outcome.v1`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Failure? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure error) => new(default, error);
}
