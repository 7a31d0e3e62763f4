using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Tests.Unit.Audit;

public sealed class ChangeSetTests
{
    [Fact]
    public void An_unchanged_field_is_not_recorded()
    {
        var set = new ChangeSet().Add("name", "a", "a").Add("burst", 10, 10).Add("status", ClientStatus.Active, ClientStatus.Active)
            .Add("website", (string?)null, null).Add("context", new JsonText("{}"), new JsonText("{}"));

        Assert.True(set.IsEmpty);
    }

    [Fact]
    public void Values_are_written_as_the_json_the_api_shows()
    {
        var changes = new ChangeSet()
            .Add("name", "caf\u00e9 \"x\"", "b")
            .Add("burst", 10, 50)
            .Add("status", ClientStatus.Active, ClientStatus.SoftDeleted)
            .Add("expires_at", null, new DateTimeOffset(2030, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)))
            .Add("context", new JsonText("{\"a\":1}"), new JsonText("{\"a\":2}"))
            .Changes;

        Assert.Equal(("\"café \\\"x\\\"\"", "\"b\""), (changes["name"].From!.Json, changes["name"].To!.Json));
        Assert.Equal(("10", "50"), (changes["burst"].From!.Json, changes["burst"].To!.Json));
        Assert.Equal(("\"active\"", "\"soft_deleted\""), (changes["status"].From!.Json, changes["status"].To!.Json));
        Assert.Null(changes["expires_at"].From);
        Assert.Equal("\"2030-01-02T03:04:05Z\"", changes["expires_at"].To!.Json);
        Assert.Equal("{\"a\":2}", changes["context"].To!.Json);
    }

    [Fact]
    public void Set_records_a_value_given_at_creation_and_skips_one_never_set()
    {
        var changes = new ChangeSet().Set("name", "a").Set("website", (string?)null).Set("tier", ClientTier.Pro).Changes;

        Assert.Equal(["name", "tier"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Null(changes["tier"].From);
        Assert.Equal("\"pro\"", changes["tier"].To!.Json);
    }

    [Fact]
    public void A_map_is_compared_key_by_key_in_key_order()
    {
        var before = new Dictionary<string, string> { ["env"] = "prod", ["team"] = "a", ["keep"] = "k" };
        var after = new Dictionary<string, string> { ["env"] = "staging", ["region"] = "eu", ["keep"] = "k" };

        var changes = new ChangeSet().AddEntries("metadata", before, after).Changes;

        Assert.Equal(["metadata.env", "metadata.region", "metadata.team"], changes.Keys);
        Assert.Equal(("\"prod\"", "\"staging\""), (changes["metadata.env"].From!.Json, changes["metadata.env"].To!.Json));
        Assert.Null(changes["metadata.region"].From);
        Assert.Null(changes["metadata.team"].To);
    }
}
