namespace Synap.Api.Errors;

/// <summary>The error body of API.md §1: <c>{"error", "code", "details"}</c>; details is always an object.</summary>
public sealed record ApiError(string Error, string Code, IReadOnlyDictionary<string, object?> Details);
