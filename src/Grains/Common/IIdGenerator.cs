namespace Synap.Grains.Common;

/// <summary>Random, never-reused ids of API.md §1 (<c>cli_</c> + 16 hex, …). Injected so tests can control them.</summary>
public interface IIdGenerator
{
    string NewId(string prefix, int hexLength);
}
