namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// The connection side of a listener, on the API node (or trusted back end) that holds the stream. The listener grain
/// calls it in publish order; it must only queue the message for the connection and return at once.
/// </summary>
[Alias("synap.listen-observer")]
public interface IListenObserver : IGrainObserver
{
    [Alias("on-bundle")]
    Task OnBundle(DeliveredBundle bundle);

    /// <summary>A signal; when <see cref="ListenSignal.EndsStream"/>, the lease is already gone and the connection must end.</summary>
    [Alias("on-signal")]
    Task OnSignal(ListenSignal signal);
}
