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
        if (!TryWriteOwnerOnly(keyFile, key + "\n"))
        {
            Console.WriteLine($"Synap admin key: read from {keyFile} (written by another process starting at the same time)");
            return File.ReadAllText(keyFile).Trim();
        }
        Console.WriteLine($"Synap admin key (shown once, kept in {keyFile}): {key}");
        return key;
    }

    /// <summary>
    /// Writes the key so that no other user can ever read it and no reader ever sees half of it: a new temporary file
    /// created with mode 0600 (never world-readable, not even for an instant), flushed to disk, then renamed onto
    /// <paramref name="path"/>, which is atomic within a directory. False when the file appeared meanwhile (kept as it is).
    /// </summary>
    internal static bool TryWriteOwnerOnly(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(content));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
