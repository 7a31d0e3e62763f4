using Synap.Grains.Interfaces.Listening;

namespace Synap.Api.Grpc;

/// <summary>Signals the gRPC transport sends on its own (the others come from the listener grain through the session).</summary>
internal static class ListenSignals
{
    public static ListenSignal Throttle(string reason, params (string Key, string Value)[] metadata) =>
        new(ListenSignal.Throttle, reason, metadata.ToDictionary(m => m.Key, m => m.Value));
}
