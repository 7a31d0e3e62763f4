using Synap.Grains.Interfaces.Listening;

namespace Synap.Grains.Listening;

/// <summary>
/// What the listener grain stores (state <c>instance-listener</c>): the lease's holder, written only when a stream opens
/// or ends (renewals stay in memory), and the ceiling of the bundle sequences handed out.
/// </summary>
[GenerateSerializer, Alias("synap.instance-listener-state.v1")]
public sealed class ListenerState
{
    /// <summary>The holder's listener id; null when no stream holds the lease.</summary>
    [Id(0)] public string? ListenerId { get; set; }

    [Id(1)] public ListenTransport Transport { get; set; }

    [Id(2)] public DateTimeOffset Since { get; set; }

    /// <summary>The key the stream was opened with (null: admin or trusted back end), so revoking it ends the stream.</summary>
    [Id(3)] public string? CredentialId { get; set; }

    /// <summary>Where the holder's connection lives, so a reactivated grain can still deliver to it.</summary>
    [Id(4)] public IListenObserver? Observer { get; set; }

    /// <summary>
    /// Every bundle sequence handed out is at most this. Raised a block at a time (<see cref="BundleSequence"/>), so a
    /// reactivated grain continues above it and a sequence never goes backwards, without a write per bundle.
    /// </summary>
    [Id(5)] public long SequenceCeiling { get; set; }
}
