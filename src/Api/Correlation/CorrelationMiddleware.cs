using Synap.Grains.Interfaces.Security;

namespace Synap.Api.Correlation;

/// <summary>
/// Gives every request its correlation id: on the response (whatever produces it), in the log scope, and in
/// Orleans <c>RequestContext</c>, which carries it into every grain call the request makes.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var id = CorrelationId.Accept(http.Request.Headers[CorrelationId.Header].FirstOrDefault());
        http.TraceIdentifier = id;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[CorrelationId.Header] = id;
            return Task.CompletedTask;
        });
        RequestContext.Set(RequestContextKeys.CorrelationId, id);
        try
        {
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
                await next(http);
        }
        finally
        {
            RequestContext.Remove(RequestContextKeys.CorrelationId);
        }
    }
}
