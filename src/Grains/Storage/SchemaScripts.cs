namespace Synap.Grains.Storage;

/// <summary>Reads the SQL scripts embedded from <c>Storage/Sql</c>.</summary>
internal static class SchemaScripts
{
    public static string Read(string fileName)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var resourceName = assembly.GetManifestResourceNames()
            .SingleOrDefault(name => name.EndsWith(".Sql." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The SQL script '{fileName}' is not embedded in {assembly.GetName().Name}.");

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
