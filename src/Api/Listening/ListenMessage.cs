using Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Listening;

/// <summary>One message of a listen stream, in the order the transport must send it: a bundle or a signal (exactly one is set).</summary>
public sealed record ListenMessage(DeliveredBundle? Bundle, ListenSignal? Signal)
{
    public static ListenMessage Of(DeliveredBundle bundle) => new(bundle, null);

    public static ListenMessage Of(ListenSignal signal) => new(null, signal);
}
