using System.Text.RegularExpressions;

namespace Synap.Tests.Deployment;

/// <summary>
/// The variables scripts/cluster.sh reads from its environment or hands to the processes it starts: the project's
/// own names (<c>SYNAP_*</c>, <c>OTEL_*</c>, and .NET configuration keys written with <c>__</c>).
/// </summary>
internal static partial class ClusterScript
{
    public static IReadOnlySet<string> Variables()
    {
        var script = RepositoryFile.Read("scripts/cluster.sh");
        var code = string.Join('\n', script.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
        return Assignment().Matches(code).Concat(Expansion().Matches(code))
            .Select(match => match.Groups["name"].Value)
            .ToHashSet();
    }

    [GeneratedRegex(@"\b(?<name>SYNAP_[A-Z_]+|OTEL_[A-Z_]+|[A-Za-z]+(?:__[A-Za-z]+)+)=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$\{(?<name>SYNAP_[A-Z_]+|OTEL_[A-Z_]+|[A-Za-z]+(?:__[A-Za-z]+)+)[:}]")]
    private static partial Regex Expansion();
}
