using System.Text.RegularExpressions;

namespace Synap.Grains.Interfaces.Memories;

/// <summary>The bounds of a memory, public so callers can check before sending; the memory store enforces them.</summary>
public static partial class MemoryRules
{
    public const string IdPrefix = "mem_";

    /// <summary>Content: 1 to 32 768 UTF-16 characters (32 KiB of ASCII), not blank.</summary>
    public const int MaxContentLength = 32 * 1024;

    /// <summary><c>scope_id</c>: at most 200 characters, like a name.</summary>
    public const int MaxScopeIdLength = 200;

    /// <summary>The <c>q</c> of a listing: at most 200 characters.</summary>
    public const int MaxQueryLength = 200;

    public static bool IsMemoryId(string? value) => value is not null && MemoryIdPattern().IsMatch(value);

    [GeneratedRegex(@"^mem_[0-9a-f]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MemoryIdPattern();
}
