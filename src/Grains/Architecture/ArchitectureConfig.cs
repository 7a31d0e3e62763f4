using Synap.Grains.Interfaces.Architecture;
using Synap.Grains.Interfaces.Outcomes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Synap.Grains.Architecture;

/// <summary>Turns an init request into the YAML of version 1: the caller's mapping, or a default derived from a use case.</summary>
public static class ArchitectureConfig
{
    public static Outcome<string> Resolve(InitArchitectureCommand command)
    {
        if (command.Config is { } yaml)
            return Validate(yaml) is { } invalid ? invalid : yaml;
        if (command.UseCaseMarkdown is { } markdown)
        {
            if (markdown.Trim().Length == 0)
                return Failure.InvalidInput("use_case_markdown", "must not be blank");
            // It becomes a scalar of the stored config, so it shares the config's size limit.
            if (System.Text.Encoding.UTF8.GetByteCount(markdown) > YamlShape.MaxBytes)
                return Failure.InvalidInput("use_case_markdown", $"must be at most {YamlShape.MaxBytes / 1024} KiB (UTF-8)");
            return DeriveDefault(markdown);
        }
        return Failure.InvalidInput("config", "config (YAML text) or use_case_markdown is required");
    }

    public static Failure? Validate(string yaml)
    {
        // The bounded event walk runs first: only YAML known to be small, shallow and alias-bounded is built into nodes.
        if (YamlShape.Check(yaml) is { } unsafeShape)
            return unsafeShape;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode
                ? null
                : Failure.InvalidInput("config", "must be a single YAML mapping");
        }
        catch (YamlException e)
        {
            return Failure.InvalidInput("config", $"is not valid YAML: {e.Message}");
        }
    }

    private static string DeriveDefault(string markdown)
    {
        var config = new Dictionary<string, object>
        {
            ["version"] = 1,
            ["derived_from"] = "use_case_markdown",
            ["use_case"] = markdown,
            ["memory_types"] = new[] { "episodic", "semantic", "procedural" },
            ["retrieval"] = new Dictionary<string, object> { ["strategy"] = "hybrid", ["top_k"] = 10 },
            ["retention"] = new Dictionary<string, object> { ["default_ttl_days"] = 365 },
        };
        return new SerializerBuilder().Build().Serialize(config);
    }
}
