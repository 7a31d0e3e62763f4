using Synap.Api.Grpc;
using Wire = Synap.Api.Grpc.V1;

namespace Synap.Tests.Grpc;

/// <summary>What arrives on the wire is recorded whole, and proto3's empty defaults are recorded as absent, not as "".</summary>
public sealed class ListenWireMappingTests
{
    [Fact]
    public void Every_field_of_a_conversation_event_is_recorded()
    {
        var wire = new Wire.ConversationEvent
        {
            EventType = "tool_call",
            ConversationId = "conv_1",
            UserId = "usr_1",
            Role = "assistant",
            Content = "calling",
            CustomerId = "cus_1",
            SessionId = "ses_1",
            TimestampMs = 1_700_000_000_123,
            ToolName = "lookup",
            ToolArgsJson = "{\"order\":42}",
        };
        wire.Metadata.Add("channel", "web");
        wire.SearchQueries.Add("order 42");
        wire.ContextTypes.Add("fact");

        var recorded = ListenWireMapping.ToDomain(wire);

        Assert.Equal(("tool_call", "conv_1", "usr_1", "assistant", "calling"),
            (recorded.EventType, recorded.ConversationId, recorded.UserId, recorded.Role, recorded.Content));
        Assert.Equal(("cus_1", "ses_1", 1_700_000_000_123L, "lookup", "{\"order\":42}"),
            (recorded.CustomerId, recorded.SessionId, recorded.TimestampMs, recorded.ToolName, recorded.ToolArgsJson));
        Assert.Equal("web", recorded.Metadata!["channel"]);
        Assert.Equal(["order 42"], recorded.SearchQueries!);
        Assert.Equal(["fact"], recorded.ContextTypes!);
    }

    [Fact]
    public void Fields_the_sdk_did_not_send_are_recorded_as_absent()
    {
        var recorded = ListenWireMapping.ToDomain(new Wire.ConversationEvent { EventType = "session_start" });

        Assert.Equal("session_start", recorded.EventType);
        Assert.All(new object?[] { recorded.ConversationId, recorded.UserId, recorded.Role, recorded.Content, recorded.CustomerId,
            recorded.SessionId, recorded.Metadata, recorded.TimestampMs, recorded.ToolName, recorded.ToolArgsJson,
            recorded.SearchQueries, recorded.ContextTypes }, Assert.Null);
    }
}
