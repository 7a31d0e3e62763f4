using Synap.Grains.Interfaces.Listening;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Listening;

/// <summary>
/// What a published bundle must be (API.md §10), checked in the grain so HTTP and trusted Orleans publishers meet the
/// same answers. The 64 KiB bound of the HTTP body is the route's; here the text of all items is held to the same size.
/// </summary>
public static class ContextBundleRules
{
    public static readonly IReadOnlySet<string> BundleTypes =
        new HashSet<string>(StringComparer.Ordinal) { "anticipation", "user_summary", "reactive", "compaction_update" };

    public const int MaxTypes = 64;
    public const int MaxItems = 1000;
    public const int MaxTextChars = 64 * 1024;
    public const int MaxIdLength = 200;

    public static Failure? Check(ContextBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.BundleId is { } id && (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl)))
            return Failure.InvalidInput("bundle_id", $"must be 1-{MaxIdLength} characters without control characters");
        if (bundle.BundleType is null)
            return Failure.InvalidInput("bundle_type", "is required");
        if (!BundleTypes.Contains(bundle.BundleType))
            return Failure.InvalidInput("bundle_type", $"must be one of {string.Join(", ", BundleTypes)}");
        if (bundle.ItemsByType is null)
            return Failure.InvalidInput("items_by_type", "is required");
        if (bundle.ItemsByType.Count > MaxTypes)
            return Failure.InvalidInput("items_by_type", $"must have at most {MaxTypes} types");
        if (bundle.TtlHintSeconds is < 0)
            return Failure.InvalidInput("ttl_hint_seconds", "must not be negative");
        var items = 0;
        var chars = 0L;
        foreach (var (type, list) in bundle.ItemsByType)
        {
            if (type.Length is 0 or > MaxIdLength)
                return Failure.InvalidInput("items_by_type", $"types must be 1-{MaxIdLength} characters");
            if (list is null)
                return Failure.InvalidInput($"items_by_type.{type}", "must be an array of items");
            for (var i = 0; i < list.Count; i++)
            {
                var field = $"items_by_type.{type}[{i}]";
                if (list[i] is not { } item)
                    return Failure.InvalidInput(field, "must be an item object");
                if (string.IsNullOrEmpty(item.ItemId))
                    return Failure.InvalidInput($"{field}.item_id", "is required");
                if (item.ItemId.Length > MaxIdLength)
                    return Failure.InvalidInput($"{field}.item_id", $"must be at most {MaxIdLength} characters");
                if (item.Content is null)
                    return Failure.InvalidInput($"{field}.content", "is required");
                chars += item.Content.Length;
            }
            items += list.Count;
        }
        if (items > MaxItems)
            return Failure.InvalidInput("items_by_type", $"must hold at most {MaxItems} items");
        return chars > MaxTextChars ? Failure.InvalidInput("items_by_type", "item contents must total at most 64 KiB") : null;
    }
}
