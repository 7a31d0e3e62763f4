using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Synap.Grains.Audit;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Commands;
using Synap.Grains.Interfaces.Security;

namespace Synap.Tests.Unit.Audit;

/// <summary>Large values are stored as their length and hash, so no entry grows with what a caller sends.</summary>
public sealed class AuditEntryCapTests
{
    private static AuditEntry EntryOf(params (string Field, JsonText? From, JsonText? To)[] changes) =>
        new("aud_0123456789abcdef", DateTimeOffset.UnixEpoch, new AuditActor(ActorType.Admin, null), "client.updated", "cli_0123456789abcdef", null,
            changes.ToDictionary(c => c.Field, c => new FieldChange(c.From, c.To)));

    private static JsonText Context(char fill, int bytes) => new($$"""{"blob":"{{new string(fill, bytes - 11)}}"}""");

    private static int Size(AuditEntry entry) => entry.Changes.Values.Sum(c => (c.From?.Json.Length ?? 0) + (c.To?.Json.Length ?? 0));

    [Fact]
    public void A_64_KiB_context_change_keeps_each_side_as_its_byte_length_and_sha256()
    {
        var (from, to) = (Context('a', 64 * 1024), Context('b', 64 * 1024));

        var capped = AuditEntryCap.Apply(EntryOf(("context", from, to), ("name", AuditValue.Of("old"), AuditValue.Of("new"))));

        Assert.True(Size(capped) < 400, $"{Size(capped)} bytes");
        using var summary = JsonDocument.Parse(capped.Changes["context"].To!.Json);
        Assert.True(summary.RootElement.GetProperty("omitted").GetBoolean());
        Assert.Equal(64 * 1024, summary.RootElement.GetProperty("bytes").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(to.Json))), summary.RootElement.GetProperty("sha256").GetString());
        Assert.NotEqual(capped.Changes["context"].From, capped.Changes["context"].To);
        Assert.Equal(new FieldChange(AuditValue.Of("old"), AuditValue.Of("new")), capped.Changes["name"]);
    }

    [Fact]
    public void An_entry_within_the_caps_is_kept_as_it_is()
    {
        var entry = EntryOf(("description", null, new JsonText(JsonSerializer.Serialize(new string('x', AuditEntryCap.MaxValueBytes - 2)))));

        Assert.Same(entry, AuditEntryCap.Apply(entry));
    }

    [Fact]
    public void Many_values_each_under_the_value_cap_are_summarised_largest_first_until_the_entry_fits()
    {
        var changes = Enumerable.Range(0, 64)
            .Select(i => ($"metadata.k{i:D2}", (JsonText?)AuditValue.Of(new string('o', 1000)), (JsonText?)AuditValue.Of(new string('n', 900 + i))))
            .ToArray();

        var capped = AuditEntryCap.Apply(EntryOf(changes));

        Assert.True(Size(capped) <= AuditEntryCap.MaxEntryValueBytes + 110, $"{Size(capped)} bytes");
        Assert.Equal(64, capped.Changes.Count);
        var kept = capped.Changes.Values.SelectMany(c => new[] { c.From!, c.To! }).Where(v => !v.Json.Contains("\"omitted\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, v => Assert.StartsWith("\"n", v.Json, StringComparison.Ordinal));
    }
}
