using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Api.Grpc;

/// <summary>
/// Keeps gRPC on the gRPC port and REST off it: connections accepted on the <c>Synap:GrpcUrl</c> endpoint are marked
/// when Kestrel accepts them, and the first middleware answers 404 to a request on the wrong port. Marking the
/// connection (rather than comparing port numbers) also holds for port 0 and for several REST addresses.
/// </summary>
internal sealed class GrpcPortSplit : IStartupFilter
{
    private const string Marker = "synap.grpc-endpoint";
    private const string ServicePath = "/synap.v1.SynapService";

    /// <summary>Configures the gRPC endpoint: HTTP/2 only (h2c prior knowledge) and its connections marked.</summary>
    public static void MarkGrpcEndpoint(ListenOptions listen)
    {
        listen.Protocols = HttpProtocols.Http2;
        listen.Use(next => connection =>
        {
            connection.Items[Marker] = true;
            return next(connection);
        });
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            var onGrpcEndpoint = http.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(Marker) == true;
            var isGrpcCall = http.Request.Path.StartsWithSegments(ServicePath);
            if (onGrpcEndpoint == isGrpcCall)
                return nextMiddleware(http);
            // A gRPC client calling a REST path sees HTTP 404 as UNIMPLEMENTED; a REST client gets our error body.
            if (onGrpcEndpoint)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return ErrorResult.Of(ErrorCodes.NotFound, "Not found: the gRPC service is served on Synap:GrpcUrl").ExecuteAsync(http);
        });
        next(app);
    };
}
