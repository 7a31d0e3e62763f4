namespace Synap.Grains.Registry;

/// <summary>The answer of a name grain to a reservation: reserved, or who holds the name and since when.</summary>
[GenerateSerializer, Immutable, Alias("synap.name-reservation.v1")]
public sealed record NameReservation(
    [property: Id(0)] bool Reserved,
    [property: Id(1)] string? HolderClientId,
    [property: Id(2)] DateTimeOffset HeldSince);
