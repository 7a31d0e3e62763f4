using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Synap.Api.Grpc;
using Synap.Api.Json;

namespace Synap.Api.Hosting;

/// <summary>
/// API.md §10 / §13: REST on <c>Urls</c> (HTTP/1.1 and HTTP/2) and the gRPC listen stream on <c>Synap:GrpcUrl</c>
/// (plaintext h2c, HTTP/2 only), each served only on its own port. The official SDK's plaintext mode cannot negotiate
/// the protocol, so the gRPC port must speak HTTP/2 from the first byte, which REST clients do not.
/// </summary>
public static class GrpcHosting
{
    public const string GrpcUrlKey = "Synap:GrpcUrl";
    public const string DefaultGrpcUrl = "http://127.0.0.1:5001";
    public const string DefaultRestUrl = "http://127.0.0.1:5000";

    public static WebApplicationBuilder AddSynapGrpc(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = RequestBody.MaxBytes;
            // Otherwise gRPC maps a catch-all "unknown service" route for every two-segment POST path, which shadows
            // REST's own answers there (415 for a wrong media type became 404).
            grpc.IgnoreUnknownServices = true;
        });
        builder.Services.AddSingleton<IStartupFilter, GrpcPortSplit>();
        // Kestrel ignores Urls as soon as one endpoint is configured in code, so both are bound here.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var rest = context.Configuration["Urls"] ?? DefaultRestUrl;
            foreach (var url in rest.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Bind(kestrel, url, _ => { });
            Bind(kestrel, context.Configuration[GrpcUrlKey] ?? DefaultGrpcUrl, GrpcPortSplit.MarkGrpcEndpoint);
            // A stream whose peer vanished without closing its socket (a host that lost power, a NAT that forgot it)
            // is found by the server's own HTTP/2 pings, so its lease is released instead of lapsing. The client's
            // pings every 30 s need nothing: Kestrel answers PING frames without limit and they count as activity.
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        });
        return builder;
    }

    public static WebApplication MapSynapGrpc(this WebApplication app)
    {
        app.MapGrpcService<ListenService>();
        return app;
    }

    /// <summary>Binds one <c>scheme://host:port</c> address the way Kestrel binds <c>Urls</c>.</summary>
    private static void Bind(KestrelServerOptions kestrel, string url, Action<ListenOptions> configure)
    {
        var address = BindingAddress.Parse(url);
        var https = address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        void Endpoint(ListenOptions listen)
        {
            configure(listen);
            if (https)
                listen.UseHttps();
        }
        if (address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(address.Port, Endpoint);
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, address.Port, Endpoint);
        else
            kestrel.ListenAnyIP(address.Port, Endpoint);
    }
}
