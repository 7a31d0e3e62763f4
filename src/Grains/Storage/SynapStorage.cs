using Orleans.Providers;

namespace Synap.Grains.Storage;

/// <summary>Names of the grain storages a Synap silo registers.</summary>
public static class SynapStorage
{
    /// <summary>The storage of every Synap grain state: <c>[PersistentState("instance", SynapStorage.Name)]</c>.</summary>
    public const string Name = "synap";

    /// <summary>The storage Orleans' stream pub/sub keeps its subscriptions in.</summary>
    public const string PubSubStore = ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME;
}
