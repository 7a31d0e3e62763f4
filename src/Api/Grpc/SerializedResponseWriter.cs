using Grpc.Core;
using Synap.Api.Grpc.V1;

namespace Synap.Api.Grpc;

/// <summary>
/// The one writer of a call's response stream. gRPC allows one write at a time; pongs come from the read loop and
/// bundles and signals from the delivery loop, so each write waits at most for the one in flight, never for a grain
/// call. After <see cref="CloseAsync"/> writes are dropped (the call has ended; a late throttle has no one to tell).
/// </summary>
internal sealed class SerializedResponseWriter(IServerStreamWriter<StreamResponse> stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool closed;

    /// <summary>False when the call already ended.</summary>
    public async Task<bool> WriteAsync(StreamResponse response, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (closed)
                return false;
            // Not given the token: grpc-dotnet resets the whole call (RST_STREAM CANCEL) when a write's token is cancelled,
            // so ending the read loop during a pong would cut off the closing signal and the trailers behind it. A write
            // to a connection that is gone fails by itself.
            await stream.WriteAsync(response, CancellationToken.None);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task CloseAsync()
    {
        await gate.WaitAsync();
        closed = true;
        gate.Release();
    }

    public void Dispose() => gate.Dispose();
}
