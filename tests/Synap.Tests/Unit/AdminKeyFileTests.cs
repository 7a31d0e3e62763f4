using Synap.Api.Hosting;

namespace Synap.Tests.Unit;

/// <summary>Issue 6 item 6: the generated admin key file is never readable by others, not even for an instant, and never half-written.</summary>
public sealed class AdminKeyFileTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("synap-admin-key-");

    private string KeyFile => Path.Combine(directory.FullName, "admin-key");

    [Fact]
    public void The_key_file_is_created_owner_read_write_only_with_the_whole_key()
    {
        Assert.True(AdminKeyHosting.TryWriteOwnerOnly(KeyFile, "synap_admin_key\n"));

        Assert.Equal("synap_admin_key\n", File.ReadAllText(KeyFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        // Only the key file: the temporary file it was written to was renamed onto it.
        Assert.Equal(["admin-key"], directory.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void An_existing_key_file_is_never_overwritten()
    {
        File.WriteAllText(KeyFile, "first\n");

        Assert.False(AdminKeyHosting.TryWriteOwnerOnly(KeyFile, "second\n"));

        Assert.Equal("first\n", File.ReadAllText(KeyFile));
        Assert.Equal(["admin-key"], directory.GetFiles().Select(f => f.Name));
    }

    public void Dispose() => directory.Delete(recursive: true);
}
