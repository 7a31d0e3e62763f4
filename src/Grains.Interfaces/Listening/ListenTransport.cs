namespace Synap.Grains.Interfaces.Listening;

/// <summary>How a listener is connected (API.md §10). A trusted back end listening through the Orleans client is <see cref="Orleans"/>.</summary>
[GenerateSerializer, Alias("synap.listen-transport.v1")]
public enum ListenTransport
{
    Grpc = 0,
    Sse = 1,
    Orleans = 2,
}
