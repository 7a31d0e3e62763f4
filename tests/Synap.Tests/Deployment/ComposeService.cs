namespace Synap.Tests.Deployment;

/// <summary>One service of docker-compose.yml after YAML anchors and merge keys are resolved, as Compose sees it.</summary>
internal sealed class ComposeService(string name, IDictionary<object, object> definition)
{
    public string Name => name;

    public bool Has(string key) => definition.ContainsKey(key);

    public IDictionary<object, object>? Mapping(string key) =>
        definition.TryGetValue(key, out var value) ? value as IDictionary<object, object> : null;

    public IReadOnlyList<object> Sequence(string key) =>
        definition.TryGetValue(key, out var value) && value is List<object> items ? items : [];

    /// <summary>
    /// The environment as written: a key without a value (null) is passed through from the shell running Compose
    /// when set there, and left unset in the container otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment => definition.TryGetValue("environment", out var environment)
        ? environment switch
        {
            IDictionary<object, object> map => map.ToDictionary(entry => (string)entry.Key, entry => entry.Value as string),
            IEnumerable<object> list => list.Cast<string>().Select(item => item.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => parts.Length == 2 ? parts[1] : null),
            _ => throw new InvalidOperationException($"{name}: environment is neither a mapping nor a list"),
        }
        : new Dictionary<string, string?>();

    /// <summary>Services this one waits for, with the condition it waits for (null in the short list form, which waits for none).</summary>
    public IReadOnlyDictionary<string, string?> DependsOn => definition.TryGetValue("depends_on", out var dependsOn)
        ? dependsOn switch
        {
            IDictionary<object, object> map => map.ToDictionary(
                entry => (string)entry.Key,
                entry => (entry.Value as IDictionary<object, object>)?.TryGetValue("condition", out var condition) == true ? condition as string : null),
            IEnumerable<object> list => list.Cast<string>().ToDictionary(service => service, _ => (string?)null),
            _ => throw new InvalidOperationException($"{name}: depends_on is neither a mapping nor a list"),
        }
        : new Dictionary<string, string?>();
}
