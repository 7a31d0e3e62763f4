using Synap.Api.Authentication;

namespace Synap.Api.Hosting;

/// <summary>
/// <c>Synap:AdminKey</c> (API.md §2). Standalone mode without one generates a key, prints it once and keeps it
/// in <c>admin-key</c> beside the data file (mode 600) so a restart does not lock the operator out.
/// </summary>
public static partial class AdminKeyHosting
{
    public static WebApplicationBuilder AddSynapAdminKey(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Synap:AdminKey"];
        var standalone = (builder.Configuration["Orleans:Mode"] ?? "Standalone").Equals("Standalone", StringComparison.OrdinalIgnoreCase);
        var key = configured ?? (standalone ? LoadOrGenerate(builder.Configuration) : null)
            ?? throw new InvalidOperationException("Synap:AdminKey is required in Client mode (at least 32 characters).");
        if (key.Length < AdminKey.MinLength)
            throw new InvalidOperationException($"Synap:AdminKey must be at least {AdminKey.MinLength} characters.");
        builder.Services.AddSingleton(new AdminKey(key));
        return builder;
    }

    private static string LoadOrGenerate(IConfiguration configuration)
    {
        var dataPath = Path.GetFullPath(configuration["Synap:DataPath"] ?? Path.Combine("data", "synap.db"));
        var keyFile = Path.Combine(Path.GetDirectoryName(dataPath)!, "admin-key");
        if (File.Exists(keyFile))
        {
            Console.WriteLine($"Synap admin key: read from {keyFile}");
            return File.ReadAllText(keyFile).Trim();
        }
        var key = AdminKey.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        File.WriteAllText(keyFile, key + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Console.WriteLine($"Synap admin key (shown once, kept in {keyFile}): {key}");
        return key;
    }
}
