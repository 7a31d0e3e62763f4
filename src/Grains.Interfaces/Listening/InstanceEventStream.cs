namespace Synap.Grains.Interfaces.Listening;

/// <summary>
/// Where a trusted back end subscribes to an instance's recorded events with Orleans Streaming (API.md §10): stream
/// provider <see cref="ProviderName"/>, stream id <c>StreamId.Create(Namespace, instanceId)</c>, items
/// <see cref="RecordedEvent"/>.
/// </summary>
public static class InstanceEventStream
{
    public const string ProviderName = "synap-streams";
    public const string Namespace = "synap.instance-events";
}
