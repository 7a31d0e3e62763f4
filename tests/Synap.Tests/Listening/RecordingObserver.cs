using System.Threading.Channels;
using Synap.Grains.Interfaces.Listening;

namespace Synap.Tests.Listening;

/// <summary>A trusted back end's listener connection: keeps what the listener grain delivers, in order.</summary>
public sealed class RecordingObserver : IListenObserver
{
    private readonly Channel<object> received = Channel.CreateUnbounded<object>();

    public Task OnBundle(DeliveredBundle bundle)
    {
        received.Writer.TryWrite(bundle);
        return Task.CompletedTask;
    }

    public Task OnSignal(ListenSignal signal)
    {
        received.Writer.TryWrite(signal);
        return Task.CompletedTask;
    }

    public async Task<T> NextAsync<T>(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(15));
        var next = await received.Reader.ReadAsync(timeout.Token);
        return Assert.IsType<T>(next);
    }
}
