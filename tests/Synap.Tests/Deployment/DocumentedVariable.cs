namespace Synap.Tests.Deployment;

/// <summary>One row of README's table of deployment variables: the names it documents and who reads them.</summary>
internal sealed record DocumentedVariable(IReadOnlyList<string> Names, string Default, string Meaning, IReadOnlyList<string> ReadBy);
