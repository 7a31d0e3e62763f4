namespace Synap.Tests.Memories;

/// <summary>An active instance made for one test, with its client key and its own instance key.</summary>
public sealed record Agent(string ClientId, string ClientKey, string InstanceId, string Key);
