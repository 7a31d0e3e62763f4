using Synap.Tests.Infrastructure;

namespace Synap.Tests.Listening;

/// <summary>An agent ready to listen: an active instance of its own unthrottled client, with an instance key and a client key.</summary>
public sealed record ListeningAgent(string ClientId, string InstanceId, string InstanceKey, string ClientKey)
{
    public static async Task<ListeningAgent> CreateAsync(ApiCaller api)
    {
        var scenario = new Scenario(api);
        var clientId = await scenario.CreateUnthrottledClientAsync();
        var instanceId = await scenario.CreateInstanceAsync(clientId);
        await scenario.InitAsync(instanceId);
        return new ListeningAgent(clientId, instanceId, await scenario.CreateInstanceKeyAsync(instanceId), await scenario.CreateClientKeyAsync(clientId));
    }

    public static object Bundle(string itemId, string content = "the customer prefers email", string bundleType = "reactive") => new
    {
        bundle_type = bundleType,
        items_by_type = new Dictionary<string, object[]> { ["preferences"] = [new { item_id = itemId, content }] },
    };

    public static object Event(string conversationId, string content = "hello", string eventType = "user_message") => new
    {
        event_type = eventType,
        conversation_id = conversationId,
        user_id = "user-1",
        role = "user",
        content,
    };
}
