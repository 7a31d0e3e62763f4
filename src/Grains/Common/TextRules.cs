using System.Buffers;
using System.Text;

namespace Synap.Grains.Common;

/// <summary>
/// Which characters a stored string may hold. Names and labels are shown in dashboards, lists and logs, where an
/// invisible or direction-changing character lets one name pass for another (<c>"acme\u200B"</c>, a right-to-left
/// override reversing what follows), and a control character corrupts whatever prints it. Free text keeps line
/// breaks and tabs but no other C0 control (a NUL ends the string for many consumers).
/// </summary>
public static class TextRules
{
    /// <summary>The first character a name or label may not hold, described for the error, or null when it has none.</summary>
    public static string? ForbiddenInName(string value) => FirstForbidden(value, IsForbiddenInName);

    /// <summary>The first character free text (a description, a metadata value) may not hold, or null.</summary>
    public static string? ForbiddenInText(string value) => FirstForbidden(value, IsForbiddenInText);

    /// <summary>C0 and C1 controls and DEL, zero-width characters, and bidirectional marks, embeddings, overrides and isolates.</summary>
    public static bool IsForbiddenInName(char c) => char.IsControl(c) || c switch
    {
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => true,
        '\u200E' or '\u200F' or '\u061C' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    /// <summary>C0 controls other than tab, line feed and carriage return.</summary>
    public static bool IsForbiddenInText(char c) => c < '\u0020' && c is not ('\t' or '\n' or '\r');

    private static string? FirstForbidden(string value, Func<char, bool> forbidden)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                // Trusted Orleans callers can send any UTF-16; an unpaired surrogate fails whoever encodes it later.
                if (Rune.DecodeFromUtf16(value.AsSpan(i), out _, out var length) != OperationStatus.Done)
                    return $"an unpaired surrogate at position {i}";
                i += length - 1;
                continue;
            }
            if (forbidden(c))
                return $"U+{(int)c:X4} at position {i}";
        }
        return null;
    }
}
