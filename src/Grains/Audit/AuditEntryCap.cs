using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Synap.Grains.Interfaces.Audit;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Grains.Audit;

/// <summary>
/// Keeps every stored entry small: a value over <see cref="MaxValueBytes"/> of JSON, and then the largest values of an
/// entry whose values together exceed <see cref="MaxEntryValueBytes"/>, are replaced by a summary
/// <c>{"omitted": true, "bytes": N, "sha256": "…"}</c> (byte length and SHA-256, lowercase hex, of the value's UTF-8 JSON
/// text as stored). A caller flipping a 64 KiB <c>context</c> thus adds a few hundred bytes a change instead of 128 KiB, and
/// can still tell which version was set by hashing the one it holds.
/// </summary>
/// <remarks>
/// An entry has at most 132 values (an instance update of its name, description and 64 metadata keys), and a summary is under
/// 110 bytes, so the values of every entry fit in <see cref="MaxEntryValueBytes"/>.
/// </remarks>
public static class AuditEntryCap
{
    public const int MaxValueBytes = 1024;

    public const int MaxEntryValueBytes = 16 * 1024;

    /// <summary>An upper bound of a summary's length; a value no longer than this is never summarised.</summary>
    private const int SummaryBytes = 110;

    public static AuditEntry Apply(AuditEntry entry)
    {
        var values = entry.Changes
            .SelectMany(c => new[] { (Side: (c.Key, IsFrom: true), Value: c.Value.From), (Side: (c.Key, IsFrom: false), Value: c.Value.To) })
            .Where(v => v.Value is not null)
            .Select(v => (v.Side, Bytes: Encoding.UTF8.GetByteCount(v.Value!.Json)))
            .ToList();
        var total = values.Sum(v => (long)v.Bytes);
        var summarised = new HashSet<(string Field, bool IsFrom)>();
        // Largest first: the fewest values are summarised, and the small ones a reader most often wants stay readable.
        foreach (var (side, bytes) in values.OrderByDescending(v => v.Bytes).ThenBy(v => v.Side.Key, StringComparer.Ordinal))
        {
            if ((bytes <= MaxValueBytes && total <= MaxEntryValueBytes) || bytes <= SummaryBytes)
                break;
            summarised.Add(side);
            total += SummaryBytes - bytes;
        }
        if (summarised.Count == 0)
            return entry;
        var changes = entry.Changes.ToDictionary(c => c.Key, c => new FieldChange(
            summarised.Contains((c.Key, true)) ? Summary(c.Value.From!) : c.Value.From,
            summarised.Contains((c.Key, false)) ? Summary(c.Value.To!) : c.Value.To), StringComparer.Ordinal);
        return entry with { Changes = changes };
    }

    /// <summary>The stand-in for a value too large to keep.</summary>
    public static JsonText Summary(JsonText value)
    {
        var bytes = Encoding.UTF8.GetBytes(value.Json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new JsonText(string.Create(CultureInfo.InvariantCulture, $$"""{"omitted":true,"bytes":{{bytes.Length}},"sha256":"{{hash}}"}"""));
    }
}
