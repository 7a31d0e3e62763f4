using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Synap.Api.Grpc.V1;

namespace Synap.Tests.Infrastructure;

/// <summary>
/// One API node of the real <c>Program</c> on real Kestrel loopback sockets: REST on <see cref="RestPort"/> and
/// the gRPC listen stream (h2c) on <see cref="GrpcPort"/>, both bound by the app's own hosting code from
/// <c>Urls</c> and <c>Synap:GrpcUrl</c>, exactly as a deployed node binds them.
/// </summary>
public sealed class KestrelClusterHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly HttpClient rest;

    public KestrelClusterHost(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        var ports = StandaloneData.DistinctFreePorts(2);
        (RestPort, GrpcPort) = (ports[0], ports[1]);
        rest = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{RestPort}"), Timeout = TimeSpan.FromSeconds(30) };
        UseKestrel();
    }

    public int RestPort { get; }

    public int GrpcPort { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Synap:AdminKey", SynapApiFactory.AdminKey);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Urls", $"http://127.0.0.1:{RestPort}");
        builder.UseSetting("Synap:GrpcUrl", GrpcAddress.ToString());
    }

    /// <summary>Starts the node (idempotent) and waits until its Orleans client answers.</summary>
    public async Task StartAsync()
    {
        StartServer();
        await BoundedWait.UntilAsync("API node ready", TimeSpan.FromSeconds(60),
            async () => (int)(await rest.GetAsync("/health/ready")).StatusCode, code => code == 200);
    }

    /// <summary>A REST caller over the node's real REST socket.</summary>
    public ApiCaller Caller() => new(rest);

    /// <summary>A gRPC channel over the node's real gRPC socket; the caller disposes it.</summary>
    public GrpcChannel Channel() => GrpcChannel.ForAddress(GrpcAddress);

    public SynapService.SynapServiceClient Listener(GrpcChannel channel) => new(channel);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            rest.Dispose();
        base.Dispose(disposing);
    }
}
