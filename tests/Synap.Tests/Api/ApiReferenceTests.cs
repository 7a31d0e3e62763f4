using System.Reflection;
using System.Text.RegularExpressions;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Tests.Infrastructure;

namespace Synap.Tests.Api;

/// <summary>
/// The API reference in <c>docs/</c> is the contract users read: it must name exactly the routes the service serves
/// (as its OpenAPI document lists them) with the success status each really answers, and only error codes that exist,
/// each with the status the service sends. A route added without documentation, or documented without existing, fails here.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ApiReferenceTests(ClusterFixture cluster)
{
    private const string IndexFile = "docs/api-reference.md";
    private const string RoutePagesFolder = "docs/api";

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private readonly ApiCaller api = cluster.Api1.Caller();

    [Fact]
    public async Task Every_served_route_is_documented_and_every_documented_route_is_served()
    {
        var served = (await ServedRoutesAsync()).Keys.ToHashSet();
        var documented = DocumentedRoutes().Select(r => r.Route).ToList();

        Assert.True(documented.Count == documented.Distinct().Count(),
            $"Routes documented twice: {string.Join(", ", documented.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key))}");
        var undocumented = served.Except(documented).Order().ToList();
        Assert.True(undocumented.Count == 0,
            $"Served (in /openapi/v1.json) but without a '### `METHOD /path`' section in {IndexFile} or {RoutePagesFolder}/*.md: {string.Join(", ", undocumented)}");
        var notServed = documented.Except(served).Order().ToList();
        Assert.True(notServed.Count == 0, $"Documented but not served (absent from /openapi/v1.json): {string.Join(", ", notServed)}");
    }

    [Fact]
    public void The_route_table_of_the_reference_lists_every_documented_route()
    {
        var documented = DocumentedRoutes().Select(r => r.Route).Order().ToList();
        var tabled = RouteTableRow().Matches(Read(IndexFile))
            .Select(m => Normalize(m.Groups["method"].Value, m.Groups["path"].Value)).Order().ToList();

        Assert.Equal(documented, tabled);
    }

    [Fact]
    public async Task Each_documented_success_status_is_the_one_the_OpenAPI_document_gives()
    {
        var served = await ServedRoutesAsync();

        foreach (var (route, file, success) in DocumentedRoutes())
        {
            Assert.True(success.Count == 1, $"{route} in {file} needs exactly one '**Success:** `NNN …`' line; found {success.Count}");
            if (served.TryGetValue(route, out var status))
                Assert.True(status == success[0], $"{route} in {file} documents {success[0]}; the OpenAPI document says {status}");
        }
    }

    [Fact]
    public void Every_error_code_the_docs_name_exists_and_every_code_is_in_the_error_table_with_its_status()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        foreach (var file in ReferenceFiles())
        {
            var unknown = ErrorCodeMention().Matches(Read(file)).Select(m => m.Groups["code"].Value).Where(c => !codes.Contains(c)).Distinct().ToList();
            Assert.True(unknown.Count == 0, $"{file} names error codes that ErrorCodes.cs does not have: {string.Join(", ", unknown)}");
        }

        var table = ErrorTableRow().Matches(Read(IndexFile)).ToDictionary(m => m.Groups["code"].Value, m => int.Parse(m.Groups["status"].Value));
        foreach (var code in codes)
        {
            Assert.True(table.TryGetValue(code, out var status), $"{code} has no row '| status | `{code}` | when |' in the error table of {IndexFile}");
            Assert.True(status == ErrorStatus.For(code), $"{IndexFile} gives {code} the status {status}; the service sends {ErrorStatus.For(code)}");
        }
    }

    /// <summary>Each operation of the OpenAPI document as "METHOD /path/{}" with its one 2xx status.</summary>
    private async Task<Dictionary<string, int>> ServedRoutesAsync()
    {
        var response = await api.Get("/openapi/v1.json", key: null);
        Assert.Equal(200, response.Code);
        var routes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in response.Json.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                var successes = operation.Value.GetProperty("responses").EnumerateObject()
                    .Select(r => r.Name).Where(s => s.StartsWith('2')).Select(int.Parse).ToList();
                var route = Normalize(operation.Name, path.Name);
                Assert.True(successes.Count == 1, $"{route} has {successes.Count} success statuses in the OpenAPI document");
                routes[route] = successes[0];
            }
        }
        return routes;
    }

    /// <summary>Every route section of the reference, with the success statuses its section states.</summary>
    private static List<(string Route, string File, List<int> Success)> DocumentedRoutes()
    {
        var routes = new List<(string, string, List<int>)>();
        foreach (var file in ReferenceFiles())
        {
            var text = Read(file);
            var headings = RouteHeading().Matches(text);
            foreach (Match heading in headings)
            {
                var start = heading.Index + heading.Length;
                var next = NextHeading().Match(text, start);
                var section = text[start..(next.Success ? next.Index : text.Length)];
                var success = SuccessLine().Matches(section).Select(m => int.Parse(m.Groups["status"].Value)).ToList();
                routes.Add((Normalize(heading.Groups["method"].Value, heading.Groups["path"].Value), file, success));
            }
        }
        return routes;
    }

    /// <summary>Path parameter names differ (<c>{client_id}</c> in the docs, <c>{clientId}</c> in the code), so they are compared as <c>{}</c>.</summary>
    private static string Normalize(string method, string path) => $"{method.ToUpperInvariant()} {PathParameter().Replace(path, "{}")}";

    private static IEnumerable<string> ReferenceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, RoutePagesFolder), "*.md")
            .Select(f => Path.GetRelativePath(RepositoryRoot, f).Replace('\\', '/'))
            .Prepend(IndexFile)
            .Order(StringComparer.Ordinal);

    private static string Read(string file) => File.ReadAllText(Path.Combine(RepositoryRoot, file)).ReplaceLineEndings("\n");

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Synap.Orleans.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Synap.Orleans.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^### `(?<method>GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (?<path>/[^`\s]*)`[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex RouteHeading();

    [GeneratedRegex(@"^#{1,3} ", RegexOptions.Multiline)]
    private static partial Regex NextHeading();

    [GeneratedRegex(@"^\*\*Success:\*\* `(?<status>\d{3})[ `]", RegexOptions.Multiline)]
    private static partial Regex SuccessLine();

    [GeneratedRegex(@"^\| `(?<method>GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (?<path>/[^`?\s]*)(\?[^`]*)?` \|", RegexOptions.Multiline)]
    private static partial Regex RouteTableRow();

    [GeneratedRegex(@"^\| (?<status>\d{3}) \| `(?<code>[A-Z][A-Z0-9_]*)` \|", RegexOptions.Multiline)]
    private static partial Regex ErrorTableRow();

    /// <summary>An error code in code font, alone or after its status: <c>`INVALID_INPUT`</c>, <c>`409 NAME_CONFLICT`</c>.</summary>
    [GeneratedRegex(@"`(\d{3} )?(?<code>[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)`")]
    private static partial Regex ErrorCodeMention();

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex PathParameter();
}
