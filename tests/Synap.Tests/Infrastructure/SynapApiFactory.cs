using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Synap.Tests.Infrastructure;

/// <summary>One API node: the real <c>Program</c> and pipeline, configured only through API.md §13 keys.</summary>
public sealed class SynapApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Synap:AdminKey", AdminKey);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    public ApiCaller Caller() => new(CreateClient());

    /// <summary>An API node that joins the given cluster as an Orleans client (<c>Orleans:Mode=Client</c>).</summary>
    public static SynapApiFactory ClientOf(Synap.Grains.Hosting.SynapOrleansOptions options) => new(new Dictionary<string, string?>
    {
        ["Orleans:Mode"] = "Client",
        ["ConnectionStrings:Synap"] = options.ConnectionString,
        ["Orleans:ClusterId"] = options.ClusterId,
        ["Orleans:ServiceId"] = options.ServiceId,
    });
}
