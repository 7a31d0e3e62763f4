using System.Text.RegularExpressions;

namespace Synap.Api.Correlation;

/// <summary>API.md §1: a caller's id is kept when it is well-formed (the SDK sends <c>syn_…</c>); otherwise a new <c>req_&lt;uuid&gt;</c>.</summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    public static string Accept(string? supplied) =>
        supplied is not null && Pattern().IsMatch(supplied) ? supplied : New();

    public static string New() => "req_" + Guid.NewGuid().ToString("D");

    // \z, not $: $ would also match before a final newline and let "id\n" into headers and logs.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
