using Microsoft.Extensions.Logging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Common;

/// <summary>Opens a log scope with the caller's correlation id around every grain call, so silo logs can be joined to the request.</summary>
public sealed class CorrelationLogScopeFilter(ILogger<CorrelationLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(RequestContextKeys.CorrelationId) is not string correlationId)
        {
            await context.Invoke();
            return;
        }
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
            await context.Invoke();
    }
}
