namespace Synap.Grains.Access;

/// <summary>What a caller wants to do with an instance or anything keyed by it; see <see cref="InstanceAccess"/>.</summary>
public enum InstanceOperation
{
    /// <summary>Read the instance: the admin, a key of its client, or its own instance key.</summary>
    Read,

    /// <summary>Change the instance or its keys, config, audit: the admin or a key of its client.</summary>
    Manage,

    /// <summary>The agent's own runtime (listen, events, memories; API.md <c>/v1</c>): its instance key or the admin, on an active instance.</summary>
    Agent,

    /// <summary>Publish a bundle to the listener: the agent's callers plus a key of its client, on an active instance.</summary>
    PublishBundle,
}
