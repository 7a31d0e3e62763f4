using System.Text.RegularExpressions;

namespace Synap.Tests.Deployment;

/// <summary>
/// The table under README's "Cluster topology" that documents every variable of docker-compose.yml and
/// scripts/cluster.sh (columns: variable, default, meaning, read by).
/// </summary>
internal static partial class ReadmeVariableTable
{
    private const string Header = "| variable | default | meaning | read by |";

    public static IReadOnlyList<DocumentedVariable> Load()
    {
        var lines = RepositoryFile.Read("README.md").Split('\n');
        var header = Array.IndexOf(lines, Header);
        if (header < 0)
            throw new InvalidOperationException($"README.md has no table starting with '{Header}'");

        return lines.Skip(header + 2).TakeWhile(line => line.StartsWith('|')).Select(Row).ToList();
    }

    /// <summary>Every row documenting <paramref name="name"/>; a test wants exactly one.</summary>
    public static IReadOnlyList<DocumentedVariable> RowsFor(this IReadOnlyList<DocumentedVariable> table, string name) =>
        table.Where(row => row.Names.Contains(name)).ToList();

    private static DocumentedVariable Row(string line)
    {
        var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
        if (cells.Length != 4)
            throw new InvalidOperationException($"README variable row without 4 cells: {line}");

        var names = CodeSpan().Matches(cells[0]).Select(match => match.Groups["text"].Value).ToList();
        var readBy = cells[3].Split(',').Select(reader => reader.Trim()).ToList();
        return new DocumentedVariable(names, cells[1], cells[2], readBy);
    }

    [GeneratedRegex("`(?<text>[^`]+)`")]
    private static partial Regex CodeSpan();
}
