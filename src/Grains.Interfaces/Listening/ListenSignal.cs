namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// A <c>signal</c> to the listener (LISTEN-WIRE.md <c>StreamSignal</c>): <c>throttle</c>, <c>closing</c> or
/// <c>error</c>. A <c>closing</c> or <c>error</c> signal ends the stream after it is sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("synap.listen-signal.v1")]
public sealed record ListenSignal(
    [property: Id(0)] string SignalType,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyDictionary<string, string> Metadata)
{
    public const string Throttle = "throttle";
    public const string Closing = "closing";
    public const string Error = "error";

    public bool EndsStream => SignalType is Closing or Error;

    public static ListenSignal Of(string signalType, string reason) =>
        new(signalType, reason, new Dictionary<string, string>());
}
