namespace Synap.Tests.Infrastructure.Faults;

/// <summary>Fails the incoming grain calls a test chose through <see cref="GrainCallFaults"/>, before the grain sees them.</summary>
public sealed class FaultInjectingCallFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (GrainCallFaults.ShouldFail(context.TargetId, context.MethodName))
            throw new InjectedFaultException($"injected: call {context.MethodName} to {context.TargetId} failed");
        return context.Invoke();
    }
}
