namespace Synap.Tests.Deployment;

/// <summary>
/// Files of the repository the tests run from: the deployment files are checked as committed, not as copied
/// into the test output.
/// </summary>
internal static class RepositoryFile
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(Root.Value, relativePath)).ReplaceLineEndings("\n");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No docker-compose.yml above {AppContext.BaseDirectory}");
    }
}
