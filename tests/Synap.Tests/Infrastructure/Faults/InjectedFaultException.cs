namespace Synap.Tests.Infrastructure.Faults;

/// <summary>The failure a test asked for: a storage outage or a lost grain call.</summary>
[GenerateSerializer]
public sealed class InjectedFaultException(string message) : Exception(message);
