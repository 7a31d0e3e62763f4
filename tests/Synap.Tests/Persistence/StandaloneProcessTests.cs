using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Persistence;

/// <summary>The standalone service as an operator runs it (<c>dotnet Synap.Api.dll</c>), killed with SIGKILL mid-life.</summary>
public sealed class StandaloneProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);
    private const int ExitCodeOfSigkill = 128 + 9;

    private readonly StandaloneData data = new();

    [Fact]
    public async Task Every_entity_survives_kill_9_and_the_generated_admin_key_is_reused()
    {
        var ports = StandaloneProcess.Ports.Pick();
        PersistedTenant tenant;
        string adminKey;

        await using (var first = StandaloneProcess.Start(data, ports))
        {
            var ready = await first.WaitUntilReadyAsync(ReadyWithin);
            output.WriteLine($"start-up to /health/ready, empty data directory: {ready.TotalMilliseconds:F0} ms");

            Assert.True(File.Exists(data.AdminKeyPath), $"no generated admin key at {data.AdminKeyPath}:\n{first.Tail()}");
            adminKey = (await File.ReadAllTextAsync(data.AdminKeyPath)).Trim();
            Assert.True(adminKey.Length >= 32, $"admin key of {adminKey.Length} characters");
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.AdminKeyPath));
            Assert.Contains(adminKey, first.Output);

            tenant = await PersistedTenant.CreateAsync(first.Caller(), adminKey);

            Assert.Equal(ExitCodeOfSigkill, await first.KillAsync());
        }

        await using var second = StandaloneProcess.Start(data, ports);
        var restarted = await second.WaitUntilReadyAsync(ReadyWithin);
        output.WriteLine($"start-up to /health/ready after kill -9, existing data: {restarted.TotalMilliseconds:F0} ms");

        Assert.Equal(adminKey, (await File.ReadAllTextAsync(data.AdminKeyPath)).Trim());
        await tenant.AssertIntactAsync(second.Caller());
        // Shown once: the restarted node reads the key from its file and does not print it again.
        Assert.DoesNotContain(adminKey, second.Output);
    }

    [Fact]
    public async Task Sigterm_stops_the_node_gracefully()
    {
        await using var node = StandaloneProcess.Start(data, StandaloneProcess.Ports.Pick());
        await node.WaitUntilReadyAsync(ReadyWithin);
        var adminKey = (await File.ReadAllTextAsync(data.AdminKeyPath)).Trim();
        var created = await node.Caller().Post("/dashboard/clients", new { name = Scenario.UniqueName() }, adminKey);
        Assert.True(created.Code == 201, created.ToString());

        Assert.Equal(0, await node.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => data.Dispose();
}
