using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Synap.Tests.Deployment;

/// <summary>
/// docker-compose.yml parsed the way Compose reads it: merge keys (<c>&lt;&lt;: *anchor</c>) and aliases resolved.
/// </summary>
internal sealed partial class ComposeFile
{
    private readonly IDictionary<object, object> document;

    private ComposeFile(IDictionary<object, object> document) => this.document = document;

    public IReadOnlyList<ComposeService> Services =>
        ((IDictionary<object, object>)document["services"])
            .Select(entry => new ComposeService((string)entry.Key, (IDictionary<object, object>)entry.Value))
            .ToList();

    public ComposeService Service(string name) =>
        Services.SingleOrDefault(service => service.Name == name) ?? throw new InvalidOperationException($"docker-compose.yml has no service '{name}'");

    /// <summary>
    /// The variables Compose interpolates from its shell (<c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?error}</c>)
    /// anywhere in the file; <c>$${…}</c> is an escaped dollar left to the container's shell, and comments are not read.
    /// </summary>
    public IReadOnlySet<string> ShellVariables =>
        Scalars(document).SelectMany(text => Interpolation().Matches(text)).Select(match => match.Groups["name"].Value).ToHashSet();

    public static ComposeFile Load()
    {
        using var reader = new StringReader(RepositoryFile.Read("docker-compose.yml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return new ComposeFile(document);
    }

    private static IEnumerable<string> Scalars(object? node) => node switch
    {
        string text => [text],
        IDictionary<object, object> map => map.SelectMany(entry => Scalars(entry.Key).Concat(Scalars(entry.Value))),
        IEnumerable<object> items => items.SelectMany(Scalars),
        _ => [],
    };

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
