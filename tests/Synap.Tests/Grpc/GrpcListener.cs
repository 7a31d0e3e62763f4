using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Synap.Api.Grpc.V1;

namespace Synap.Tests.Grpc;

/// <summary>
/// A listen stream as the official SDK opens it over <c>Grpc.Net.Client</c>: the bearer key in the metadata, no
/// opening message. Everything the server sends is collected in order; <see cref="Status"/> completes with the
/// call's final status (OK when the server ended it, the RpcException's status otherwise).
/// </summary>
public sealed class GrpcListener : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly GrpcChannel channel;
    private readonly AsyncDuplexStreamingCall<StreamEvent, StreamResponse> call;
    private readonly Channel<StreamResponse> received = Channel.CreateUnbounded<StreamResponse>();
    private readonly TaskCompletionSource<Status> status = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextPing = 1;

    private GrpcListener(Uri address, string? key, GrpcChannelOptions? options)
    {
        channel = GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions());
        var headers = new Metadata();
        if (key is not null)
            headers.Add("authorization", $"Bearer {key}");
        call = new SynapService.SynapServiceClient(channel).Listen(headers);
        _ = ReadAllAsync();
    }

    /// <summary>Opens a stream; the server takes the lease (or refuses) without any message from us.</summary>
    public static GrpcListener Open(Uri grpcAddress, string? key, GrpcChannelOptions? options = null) => new(grpcAddress, key, options);

    /// <summary>Opens a stream and waits until it is established: a ping answered means the lease is held.</summary>
    public static async Task<GrpcListener> OpenEstablishedAsync(Uri grpcAddress, string key, GrpcChannelOptions? options = null)
    {
        var listener = Open(grpcAddress, key, options);
        var stamp = await listener.PingAsync();
        var pong = await listener.NextAsync();
        Assert.True(pong.PayloadCase == StreamResponse.PayloadOneofCase.HeartbeatPong && pong.HeartbeatPong.TimestampMs == stamp,
            $"expected the pong of {stamp}, got {pong}");
        return listener;
    }

    /// <summary>Opens a stream and returns it once established, or null (the stream disposed) when the server refused it.</summary>
    public static async Task<GrpcListener?> TryOpenEstablishedAsync(Uri grpcAddress, string key)
    {
        var listener = Open(grpcAddress, key);
        try
        {
            var stamp = await listener.PingAsync();
            var first = await listener.NextAsync();
            if (first.PayloadCase == StreamResponse.PayloadOneofCase.HeartbeatPong && first.HeartbeatPong.TimestampMs == stamp)
                return listener;
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or TimeoutException)
        {
            // Refused: the call ended before answering the ping.
        }
        await listener.DisposeAsync();
        return null;
    }

    /// <summary>The messages received so far and not yet taken.</summary>
    public List<StreamResponse> Drain()
    {
        var messages = new List<StreamResponse>();
        while (received.Reader.TryRead(out var message))
            messages.Add(message);
        return messages;
    }

    /// <summary>The call's final status once it ended.</summary>
    public Task<Status> Status => status.Task;

    public Task SendAsync(StreamEvent message) => call.RequestStream.WriteAsync(message);

    /// <summary>Sends a heartbeat ping with a fresh timestamp and returns that timestamp.</summary>
    public async Task<long> PingAsync()
    {
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + Interlocked.Increment(ref nextPing);
        await SendAsync(new StreamEvent { HeartbeatPing = new HeartbeatPing { TimestampMs = stamp } });
        return stamp;
    }

    /// <summary>The next message from the server; fails if none arrives within the patience or the call ended.</summary>
    public async Task<StreamResponse> NextAsync(TimeSpan? timeout = null)
    {
        using var patience = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            if (await received.Reader.WaitToReadAsync(patience.Token) && received.Reader.TryRead(out var message))
                return message;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message from the server within {(timeout ?? Patience).TotalSeconds:F0} s");
        }
        throw new InvalidOperationException($"the call ended without another message: {await Status}");
    }

    /// <summary>Messages up to the first one <paramref name="accept"/> takes (pongs and throttles of earlier pings skipped).</summary>
    public async Task<StreamResponse> NextMatchingAsync(Func<StreamResponse, bool> accept, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await NextAsync(timeout);
            if (accept(message))
                return message;
        }
    }

    /// <summary>The call's final status; fails if it does not end within the patience.</summary>
    public async Task<Status> EndedAsync(TimeSpan? timeout = null) => await Status.WaitAsync(timeout ?? Patience);

    private async Task ReadAllAsync()
    {
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
                received.Writer.TryWrite(message);
            status.TrySetResult(call.GetStatus());
        }
        catch (RpcException e)
        {
            status.TrySetResult(e.Status);
        }
        catch (Exception e)
        {
            status.TrySetException(e);
        }
        finally
        {
            received.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        call.Dispose();
        await status.Task.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Patience);
        channel.Dispose();
    }
}
