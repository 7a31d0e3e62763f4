using System.Collections;
using Microsoft.Extensions.Logging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Common;

/// <summary>Opens a log scope with the caller's correlation id around every grain call, so silo logs can be joined to the request.</summary>
public sealed class CorrelationLogScopeFilter(ILogger<CorrelationLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        RequestContext.Get(RequestContextKeys.CorrelationId) is string correlationId ? InvokeInScopeAsync(context, correlationId) : context.Invoke();

    private async Task InvokeInScopeAsync(IIncomingGrainCallContext context, string correlationId)
    {
        using (logger.BeginScope(new CorrelationScope(correlationId)))
            await context.Invoke();
    }

    /// <summary>The scope's one property, without a dictionary per call: this runs on every grain call.</summary>
    private sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new("CorrelationId", correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{correlationId}";
    }
}
