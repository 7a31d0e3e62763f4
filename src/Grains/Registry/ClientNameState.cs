namespace Synap.Grains.Registry;

[GenerateSerializer, Alias("synap.client-name-state.v1")]
public sealed class ClientNameState
{
    /// <summary>The client holding the name; null when free.</summary>
    [Id(0)] public string? HolderClientId { get; set; }

    [Id(1)] public DateTimeOffset HeldSince { get; set; }

    /// <summary>
    /// Someone asked to release the name (the holder renamed or was deleted, or another client wants it) and is
    /// checking the holder; any reservation by the holder meanwhile clears it, which cancels that release.
    /// </summary>
    [Id(2)] public bool ReleasePending { get; set; }
}
